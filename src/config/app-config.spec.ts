import { ConfigurationError, loadConfig } from './app-config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'k3'.repeat(20),
  ENCRYPTION_KEYS: `k1:${KEY}`,
  CORS_ORIGINS: 'https://techdeck.example',
  PII_HASH_SECRET: 'h9'.repeat(20),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('configuration was accepted');
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(5000);
    expect(config.embeddedDatabase).toBe(true);
    expect(config.redisUrl).toBeUndefined();
    expect(config.rateLimits).toEqual({ admin: 100, user: 100, viewer: 100, anonymous: 100 });
    expect(config.expensiveRateLimitPerMinute).toBe(10);
    expect(config.apiRunsWorkers).toBe(true);
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('names the variable and the value when a number is not a number', () => {
    const problems = problemsOf({ PORT: 'eighty' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT/);
    expect(problems[0]).toContain('"eighty"');
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({
      PORT: '70000',
      DATABASE_URL: 'mysql://localhost/db',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((p) => p.split(/[ :]/)[0]).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('rejects encryption keys that are not 32 bytes', () => {
    const problems = problemsOf({ ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` });
    expect(problems[0]).toContain('ENCRYPTION_KEYS');
    expect(problems[0]).toContain('32 bytes');
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.isProduction).toBe(true);
    expect(config.encryptionKeys[0].id).toBe('k1');
    expect(config.encryptionKeys[0].key).toHaveLength(32);
  });

  it.each([
    ['no JWT secret or JWKS', { JWT_SECRET: '' }, 'JWT_SECRET or JWT_JWKS_URL'],
    ['a short JWT secret', { JWT_SECRET: 'short-secret' }, 'JWT_SECRET is too weak'],
    ['a placeholder JWT secret', { JWT_SECRET: 'changeme' }, 'JWT_SECRET is too weak'],
    ['no encryption keys', { ENCRYPTION_KEYS: '' }, 'ENCRYPTION_KEYS is required'],
    ['no PII hash secret', { PII_HASH_SECRET: '' }, 'PII_HASH_SECRET is required'],
    ['a wildcard CORS origin', { CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
  ])('refuses production with %s', (_label, override, expected) => {
    const problems = problemsOf({ ...PRODUCTION, ...override });
    expect(problems.join('\n')).toContain(expected);
  });

  it('lets a JWKS URL stand in for the shared secret in production', () => {
    const config = loadConfig({
      ...PRODUCTION,
      JWT_SECRET: '',
      JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
    });
    expect(config.jwt.jwksUrl).toBe('https://idp.example/.well-known/jwks.json');
  });

  it('overrides the per-minute limit by role', () => {
    const config = loadConfig({
      RATE_LIMIT_PER_MINUTE: '50',
      RATE_LIMIT_BY_ROLE: 'admin=500,anonymous=20',
    });
    expect(config.rateLimits).toEqual({ admin: 500, user: 50, viewer: 50, anonymous: 20 });
    expect(problemsOf({ RATE_LIMIT_BY_ROLE: 'root=5' })[0]).toMatch(/^RATE_LIMIT_BY_ROLE/);
  });

  it('reads TRUST_PROXY as a flag or a list of proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,192.168.1.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.1',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'everyone' })[0]).toMatch(/^TRUST_PROXY/);
  });

  it('keeps workers in the API process with the embedded database, whatever is asked', () => {
    expect(loadConfig({ API_RUNS_WORKERS: 'false' }).apiRunsWorkers).toBe(true);
  });

  it('moves workers out of the API process once Redis carries the queue', () => {
    const shared = { DATABASE_URL: 'postgres://db/app', REDIS_URL: 'redis://cache:6379' };
    expect(loadConfig(shared).apiRunsWorkers).toBe(false);
    expect(loadConfig({ ...shared, API_RUNS_WORKERS: 'true' }).apiRunsWorkers).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/app' }).apiRunsWorkers).toBe(true);
  });
});
