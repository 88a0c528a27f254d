import { mkdirSync } from 'node:fs';
import { Global, Injectable, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

/** DATA_DIR: created at start-up, readable by the service's user only (it will hold PHI). */
@Injectable()
export class DataDirectory {
  readonly path: string;

  constructor(config: AppConfig) {
    this.path = config.dataDir;
    mkdirSync(this.path, { recursive: true, mode: 0o700 });
  }
}

@Global()
@Module({ providers: [DataDirectory], exports: [DataDirectory] })
export class StorageModule {}
