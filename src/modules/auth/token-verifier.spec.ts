import { createSecretKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AuthenticationError, TokenVerifier, type VerificationKeys } from './token-verifier';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
const NOW = 1_800_000_000;
const jwt = new JwtService();
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const base = { sub: 'alice', role: 'user', org: 'acme', iat: NOW - 10, exp: NOW + 3600 };

function hs256(claims: object, secret = SECRET): string {
  return jwt.sign(claims, { secret, algorithm: 'HS256' });
}

function verifier(keys: Partial<VerificationKeys> = {}, options = {}) {
  return new TokenVerifier(
    jwt,
    { secret: createSecretKey(Buffer.from(SECRET)), ...keys },
    { clockSkewSeconds: 30, now: () => NOW, ...options },
  );
}

const jwks = (keysByKid: Record<string, KeyObject>) => async (kid: string | undefined) => {
  const key = kid ? keysByKid[kid] : undefined;
  if (!key) throw new Error('no such key');
  return key;
};

/** Base64url JSON, for hand-built tokens. */
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return (error as Error).message;
}

describe('TokenVerifier', () => {
  it('turns a valid HS256 token into a principal', async () => {
    await expect(verifier().verify(hs256(base))).resolves.toEqual({
      sub: 'alice',
      role: 'user',
      org: 'acme',
    });
  });

  it('puts a token without org in the default organisation', async () => {
    const claims: Partial<typeof base> = { ...base };
    delete claims.org;
    await expect(verifier().verify(hs256(claims))).resolves.toMatchObject({ org: 'default' });
  });

  it('rejects alg none', async () => {
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part(base)}.`;
    expect(await rejection(verifier().verify(token))).toBe(
      'Tokens signed with none are not accepted',
    );
  });

  it('rejects a token signed with another secret', async () => {
    const token = hs256(base, 'another-secret-that-is-also-long-enough-00000');
    expect(await rejection(verifier().verify(token))).toBe('Token signature is invalid');
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = hs256(base).split('.');
    const token = `${header}.${part({ ...base, role: 'admin' })}.${signature}`;
    expect(await rejection(verifier().verify(token))).toBe('Token signature is invalid');
  });

  it.each(['', 'abc', 'a.b.c', 'Bearer x.y.z'])('rejects the malformed token %j', async (token) => {
    expect(await rejection(verifier().verify(token))).toBe('Malformed token');
  });

  it('rejects an expired token, beyond the clock skew', async () => {
    const token = hs256({ ...base, exp: NOW - 31 });
    expect(await rejection(verifier().verify(token))).toBe('Token has expired');
    await expect(verifier().verify(hs256({ ...base, exp: NOW - 29 }))).resolves.toBeDefined();
  });

  it('rejects a token that is not valid yet (nbf)', async () => {
    const token = hs256({ ...base, nbf: NOW + 120 });
    expect(await rejection(verifier().verify(token))).toBe('Token is not valid yet (nbf)');
  });

  it('rejects a token issued in the future (iat)', async () => {
    const token = hs256({ ...base, iat: NOW + 120 });
    expect(await rejection(verifier().verify(token))).toBe('Token is issued in the future (iat)');
  });

  it.each([
    ['exp', 'Token has no expiry (exp)'],
    ['sub', 'Token has no subject (sub)'],
    ['role', 'Token has no known role'],
  ])('requires the %s claim', async (claim, message) => {
    const claims: Record<string, unknown> = { ...base };
    delete claims[claim];
    expect(await rejection(verifier().verify(hs256(claims)))).toBe(message);
  });

  it('rejects an unknown role', async () => {
    const token = hs256({ ...base, role: 'superuser' });
    expect(await rejection(verifier().verify(token))).toBe('Token has no known role');
  });

  it('checks issuer and audience when they are configured', async () => {
    const strict = verifier({}, { issuer: 'https://idp.example', audience: 'techdeck' });
    const good = { ...base, iss: 'https://idp.example', aud: 'techdeck' };
    await expect(strict.verify(hs256(good))).resolves.toBeDefined();
    expect(await rejection(strict.verify(hs256({ ...good, iss: 'https://evil.example' })))).toBe(
      'Token issuer is not accepted',
    );
    expect(await rejection(strict.verify(hs256({ ...good, aud: 'other' })))).toBe(
      'Token audience is not accepted',
    );
  });

  it('verifies RS256 and ES256 tokens with the JWKS key of their kid', async () => {
    const keys = { publicKey: jwks({ r1: rsa.publicKey, e1: ec.publicKey }) };
    const rs = jwt.sign(base, { privateKey: rsa.privateKey, algorithm: 'RS256', keyid: 'r1' });
    const es = jwt.sign(base, { privateKey: ec.privateKey, algorithm: 'ES256', keyid: 'e1' });
    await expect(verifier(keys).verify(rs)).resolves.toMatchObject({ sub: 'alice' });
    await expect(verifier(keys).verify(es)).resolves.toMatchObject({ sub: 'alice' });
  });

  it('rejects a token whose kid is not in the JWKS', async () => {
    const keys = { publicKey: jwks({ r1: rsa.publicKey }) };
    const token = jwt.sign(base, { privateKey: rsa.privateKey, algorithm: 'RS256', keyid: 'r9' });
    expect(await rejection(verifier(keys).verify(token))).toBe('Unknown signing key');
  });

  it('rejects RS256 when no JWKS is configured', async () => {
    const token = jwt.sign(base, { privateKey: rsa.privateKey, algorithm: 'RS256', keyid: 'r1' });
    expect(await rejection(verifier().verify(token))).toBe(
      'Tokens signed with RS256 are not accepted',
    );
  });

  it('rejects an HS256 token "signed" with the public key (algorithm confusion)', async () => {
    const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const forged = hs256(base, publicPem);
    const withJwksOnly = new TokenVerifier(
      jwt,
      { publicKey: jwks({ r1: rsa.publicKey }) },
      { clockSkewSeconds: 30, now: () => NOW },
    );
    expect(await rejection(withJwksOnly.verify(forged))).toBe(
      'Tokens signed with HS256 are not accepted',
    );
    const withBoth = verifier({ publicKey: jwks({ r1: rsa.publicKey }) });
    expect(await rejection(withBoth.verify(forged))).toBe('Token signature is invalid');
  });
});
