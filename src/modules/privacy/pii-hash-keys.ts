import { createHmac, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { readOrCreateDevSecret } from '../../config/dev-secret-file';
import { KeyedHasher } from './engine';

export const DEV_PII_HASH_FILE = '.pii-hash-dev-key';

/**
 * Each organisation's key for the `hash` redaction: HMAC-SHA256 of the organisation id under
 * PII_HASH_SECRET. Tokens are stable within an organisation and differ between organisations.
 * Outside production, without the secret, one is generated into DATA_DIR with a warning.
 */
@Injectable()
export class PiiHashKeys {
  private readonly secret: string;
  private readonly hashers = new Map<string, KeyedHasher>();

  constructor(config: AppConfig) {
    if (config.piiHashSecret) {
      this.secret = config.piiHashSecret;
    } else {
      this.secret = readOrCreateDevSecret(config.dataDir, DEV_PII_HASH_FILE, () =>
        randomBytes(32).toString('base64'),
      );
      new Logger('Privacy').warn(
        `PII_HASH_SECRET is not set: hash tokens use a development secret kept in DATA_DIR/${DEV_PII_HASH_FILE}`,
      );
    }
  }

  hasherFor(org: string): KeyedHasher {
    let hasher = this.hashers.get(org);
    if (!hasher) {
      const key = createHmac('sha256', this.secret)
        .update(`techdeck-pii-hash\u0000${org}`)
        .digest();
      hasher = new KeyedHasher(key);
      this.hashers.set(org, hasher);
    }
    return hasher;
  }
}
