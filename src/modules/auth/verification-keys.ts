import { createPublicKey, createSecretKey, randomBytes } from 'node:crypto';
import { JwksClient } from 'jwks-rsa';
import type { AppConfig } from '../../config/app-config';
import { readOrCreateDevSecret } from '../../config/dev-secret-file';
import type { VerificationKeys } from './token-verifier';

export const DEV_SECRET_FILE = '.jwt-dev-secret';

/**
 * The HS256 secret: JWT_SECRET, or outside production with neither JWT_SECRET nor a JWKS, one
 * generated once into DATA_DIR so `npm run token` and the service agree across restarts.
 */
export function hs256Secret(config: AppConfig): { secret: string; generated: boolean } | undefined {
  if (config.jwt.secret) return { secret: config.jwt.secret, generated: false };
  if (config.isProduction || config.jwt.jwksUrl) return undefined;
  const secret = readOrCreateDevSecret(config.dataDir, DEV_SECRET_FILE, () =>
    randomBytes(48).toString('base64url'),
  );
  return { secret, generated: true };
}

/** The keys the service verifies tokens with (a KeyObject, not a string: see STACK-NOTES). */
export function verificationKeys(config: AppConfig): VerificationKeys {
  const hs256 = hs256Secret(config);
  const jwksUrl = config.jwt.jwksUrl;
  const jwks = jwksUrl
    ? new JwksClient({
        jwksUri: jwksUrl,
        cache: true,
        cacheMaxEntries: 20,
        cacheMaxAge: 10 * 60 * 1000,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
        timeout: 5000,
      })
    : undefined;
  return {
    secret: hs256 ? createSecretKey(Buffer.from(hs256.secret, 'utf8')) : undefined,
    publicKey: jwks
      ? async (kid) => createPublicKey((await jwks.getSigningKey(kid)).getPublicKey())
      : undefined,
  };
}
