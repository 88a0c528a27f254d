import type { KeyObject } from 'node:crypto';
import type { JwtService } from '@nestjs/jwt';
import { DEFAULT_ORG, isRole, type Principal } from './principal';

export class AuthenticationError extends Error {}

const ASYMMETRIC = new Set(['RS256', 'ES256']);
const ORG = /^[A-Za-z0-9_.-]{1,64}$/;

/** Where verification keys come from: the HS256 secret, and a JWKS for RS256/ES256. */
export interface VerificationKeys {
  /** The shared HS256 secret, when one is configured. */
  readonly secret?: KeyObject;
  /** The public key for a `kid` from the JWKS, when a JWKS is configured. */
  readonly publicKey?: (kid: string | undefined) => Promise<KeyObject>;
}

export interface VerifierOptions {
  issuer?: string;
  audience?: string;
  clockSkewSeconds: number;
  /** Seconds since the epoch; a parameter so tests can move time. */
  now?: () => number;
}

/**
 * Verifies a bearer token and turns its claims into a Principal. The algorithm must match the
 * key that is configured for it (HS256 ↔ secret, RS256/ES256 ↔ JWKS), so neither `alg: none` nor
 * an HS256 token "signed" with a public key gets through. Required claims: sub, role, exp; org
 * defaults to `default`; iat may not lie in the future beyond the clock skew.
 */
export class TokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: VerificationKeys,
    private readonly options: VerifierOptions,
  ) {}

  async verify(token: string): Promise<Principal> {
    const decoded = this.jwt.decode<{ header?: { alg?: unknown; kid?: unknown } } | null>(token, {
      complete: true,
    });
    const alg = decoded?.header?.alg;
    if (!decoded || typeof alg !== 'string') throw new AuthenticationError('Malformed token');
    const key = await this.keyFor(alg, decoded.header?.kid);

    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync(token, {
        ...(alg === 'HS256' ? { secret: key as unknown as string } : { publicKey: key as never }),
        algorithms: [alg as 'HS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockSkewSeconds,
        clockTimestamp: this.options.now?.(),
      });
    } catch (error) {
      throw new AuthenticationError(describeJwtError(error as Error));
    }
    return this.principalFrom(claims);
  }

  private async keyFor(alg: string, kid: unknown): Promise<KeyObject> {
    if (alg === 'HS256' && this.keys.secret) return this.keys.secret;
    if (ASYMMETRIC.has(alg) && this.keys.publicKey) {
      try {
        return await this.keys.publicKey(typeof kid === 'string' ? kid : undefined);
      } catch {
        throw new AuthenticationError('Unknown signing key');
      }
    }
    throw new AuthenticationError(`Tokens signed with ${alg} are not accepted`);
  }

  private principalFrom(claims: Record<string, unknown>): Principal {
    const now = this.options.now?.() ?? Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number') throw new AuthenticationError('Token has no expiry (exp)');
    if (typeof claims.iat === 'number' && claims.iat > now + this.options.clockSkewSeconds) {
      throw new AuthenticationError('Token is issued in the future (iat)');
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
      throw new AuthenticationError('Token has no subject (sub)');
    }
    if (!isRole(claims.role)) throw new AuthenticationError('Token has no known role');
    const org = claims.org ?? DEFAULT_ORG;
    if (typeof org !== 'string' || !ORG.test(org)) {
      throw new AuthenticationError('Token has an invalid organisation (org)');
    }
    return { sub: claims.sub, role: claims.role, org };
  }
}

/** jsonwebtoken's reasons, in words a client can act on. */
function describeJwtError(error: Error): string {
  switch (error.name) {
    case 'TokenExpiredError':
      return 'Token has expired';
    case 'NotBeforeError':
      return 'Token is not valid yet (nbf)';
    default:
      if (/issuer/.test(error.message)) return 'Token issuer is not accepted';
      if (/audience/.test(error.message)) return 'Token audience is not accepted';
      if (/signature/.test(error.message)) return 'Token signature is invalid';
      return 'Malformed token';
  }
}
