import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.setup';
import { loadConfig } from './config/app-config';
import { closeOnSignals, exitOnStartupError, loadDotEnv } from './process-lifecycle';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const app = await createApp(config);
  const logger = app.get(Logger);
  await app.listen({ port: config.port, host: config.host });
  logger.log(
    `listening on ${await app.getUrl()} (${config.embeddedDatabase ? 'embedded database' : 'PostgreSQL'}, ` +
      `${config.redisUrl ? 'Redis' : 'no Redis'}, workers ${config.apiRunsWorkers ? 'in this process' : 'separate'})`,
    'Bootstrap',
  );
  closeOnSignals(app, config.shutdownTimeoutMs, logger);
}

bootstrap().catch(exitOnStartupError);
