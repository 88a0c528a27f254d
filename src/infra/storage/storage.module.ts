import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { readOrCreateDevSecret } from '../../config/dev-secret-file';
import { KeyRing } from './encryption/key-ring';
import { LocalEncryptedStore, type ObjectStore } from './local-encrypted-store';

/** DATA_DIR: created at start-up, readable by the service's user only (it will hold PHI). */
@Injectable()
export class DataDirectory {
  readonly path: string;

  constructor(config: AppConfig) {
    this.path = config.dataDir;
    mkdirSync(this.path, { recursive: true, mode: 0o700 });
  }
}

export const DEV_ENCRYPTION_KEY_FILE = '.encryption-dev-key';
const DEV_KEY_ID = 'dev';

/**
 * The key ring of ENCRYPTION_KEYS. Outside production, without it, one key is generated into
 * DATA_DIR (with a warning: whoever reads DATA_DIR can then decrypt it); production refuses to
 * start without keys (see app-config).
 */
export function keyRingFromConfig(config: AppConfig, logger?: Logger): KeyRing {
  if (config.encryptionKeys.length > 0) return new KeyRing(config.encryptionKeys);
  const key = readOrCreateDevSecret(config.dataDir, DEV_ENCRYPTION_KEY_FILE, () =>
    randomBytes(32).toString('base64'),
  );
  logger?.warn(
    `ENCRYPTION_KEYS is not set: files are encrypted with a development key kept in DATA_DIR/${DEV_ENCRYPTION_KEY_FILE}`,
  );
  return new KeyRing([{ id: DEV_KEY_ID, key: Buffer.from(key, 'base64') }]);
}

/** The port the domain uses for encrypted files; the local-disk adapter is chosen here. */
export const OBJECT_STORE = Symbol('OBJECT_STORE');

@Global()
@Module({
  providers: [
    DataDirectory,
    {
      provide: KeyRing,
      useFactory: (config: AppConfig) => keyRingFromConfig(config, new Logger('Storage')),
      inject: [AppConfig],
    },
    {
      provide: OBJECT_STORE,
      useFactory: (directory: DataDirectory, keys: KeyRing): ObjectStore =>
        new LocalEncryptedStore(directory.path, keys),
      inject: [DataDirectory, KeyRing],
    },
  ],
  exports: [DataDirectory, KeyRing, OBJECT_STORE],
})
export class StorageModule {}
