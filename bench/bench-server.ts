import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { createApp } from '../src/app.setup';
import { loadConfig } from '../src/config/app-config';
import { Public } from '../src/modules/auth/auth.decorators';
import type { PrincipalDto } from '../src/modules/auth/dto/principal.dto';

/**
 * The service as `npm start` runs it, plus one bench-only route: GET /api/bench/me answers what
 * GET /api/auth/me answers, through the same pipeline (envelope, logging, security headers) but
 * without token check, rate limit and audit, so the bench can compare the two in one process.
 */
@Controller('bench')
class BenchBaselineController {
  @Get('me')
  @Public()
  getBenchPrincipal(): PrincipalDto {
    return { sub: 'bench', role: 'admin', org: 'bench' };
  }
}

@Module({ controllers: [BenchBaselineController] })
class BenchBaselineModule {}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, { imports: [BenchBaselineModule] });
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`listening on ${await app.getUrl()}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
