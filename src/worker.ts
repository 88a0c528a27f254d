import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigurationError, loadConfig } from './config/app-config';
import { closeOnSignals, exitOnStartupError, loadDotEnv } from './process-lifecycle';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (config.embeddedDatabase) {
    throw new ConfigurationError([
      'DATABASE_URL: a separate worker process needs a shared PostgreSQL server; with the ' +
        'embedded database the API process runs the workers itself',
    ]);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.init();
  logger.log(
    `worker ${process.pid} consuming jobs (${config.redisUrl ? 'Redis' : 'PostgreSQL'} queue)`,
    'Bootstrap',
  );
  closeOnSignals(app, config.shutdownTimeoutMs, logger);
}

bootstrap().catch(exitOnStartupError);
