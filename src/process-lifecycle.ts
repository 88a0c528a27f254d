import { existsSync } from 'node:fs';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { ConfigurationError } from './config/app-config';
import { DataDirLockedError } from './infra/database/embedded/data-dir-lock';

/**
 * SIGTERM / SIGINT: close the application (HTTP drains first, then workers, queues, database);
 * if that takes longer than the configured timeout, exit anyway with a non-zero code.
 */
export function closeOnSignals(
  app: INestApplicationContext,
  timeoutMs: number,
  logger: LoggerService,
): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received, shutting down`, 'Lifecycle');
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms, exiting`, undefined, 'Lifecycle');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`shutdown failed: ${error.message}`, error.stack, 'Lifecycle');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

/** Start-up failures a person can fix get a one-line message instead of a stack trace. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigurationError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
}

/**
 * Variables from a `.env` file in the working directory, if there is one, for local runs;
 * variables already set in the environment win.
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
