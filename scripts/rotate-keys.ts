import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../src/config/app-config';
import { KeyRotationModule } from '../src/modules/datasets/key-rotation.module';
import { KeyRotation, type RotationReport } from '../src/modules/datasets/key-rotation.service';
import type { AppConfig } from '../src/config/app-config';
import { exitOnStartupError, loadDotEnv } from '../src/process-lifecycle';

/** Re-wraps every data key under the first key of ENCRYPTION_KEYS (content is not re-encrypted). */
export async function rotateKeys(config: AppConfig): Promise<RotationReport> {
  const context = await NestFactory.createApplicationContext(KeyRotationModule.forRoot(config), {
    logger: false,
    abortOnError: false,
  });
  try {
    return await context.get(KeyRotation).rotate();
  } finally {
    await context.close();
  }
}

if (require.main === module) {
  loadDotEnv();
  rotateKeys(loadConfig())
    .then((report) => {
      process.stdout.write(
        `re-wrapped ${report.rewrapped} data keys under key "${report.currentKeyId}"\n`,
      );
      if (report.unreadable.length > 0) {
        process.stderr.write(
          `${report.unreadable.length} datasets have data keys wrapped by a key that is not in ` +
            `ENCRYPTION_KEYS; put that key back at the end of the ring and run again: ` +
            `${report.unreadable.join(', ')}\n`,
        );
        process.exitCode = 1;
      }
    })
    .catch(exitOnStartupError);
}
