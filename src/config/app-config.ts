import { resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type NodeEnv = (typeof NODE_ENVS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Placeholder secrets that appear in examples and must never guard production data. */
const WEAK_SECRETS = new Set(['secret', 'changeme', 'change-me', 'password', 'jwt-secret', 'dev']);

/**
 * The raw environment, one property per variable, so that a validation message names the
 * variable the operator has to fix.
 */
class EnvironmentVariables {
  @IsOptional()
  @IsIn(NODE_ENVS)
  NODE_ENV?: NodeEnv;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, {
    message: 'REDIS_PREFIX must be 1-64 of A-Z a-z 0-9 _ . : -',
  })
  REDIS_PREFIX?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_AUDIENCE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600)
  JWT_CLOCK_SKEW_SECONDS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/]+={0,2}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/]+={0,2})*$/, {
    message: 'ENCRYPTION_KEYS must be a comma-separated list of id:base64key pairs',
  })
  ENCRYPTION_KEYS?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: 'PII_HASH_SECRET must be at least 32 characters' })
  PII_HASH_SECRET?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  BIAS_SERVICE_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  BIAS_SERVICE_TIMEOUT_MS?: number;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^(true|false|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false or a comma-separated list of proxy addresses/CIDRs',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^(admin|user|viewer|anonymous)=\d+(,(admin|user|viewer|anonymous)=\d+)*$/, {
    message: 'RATE_LIMIT_BY_ROLE must look like admin=600,user=100,viewer=60,anonymous=30',
  })
  RATE_LIMIT_BY_ROLE?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_EXPENSIVE_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_UPLOAD_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  MAX_BODY_BYTES?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @IsBooleanString()
  API_RUNS_WORKERS?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE?: number;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** The one typed configuration object. Nothing else in the service reads process.env. */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly redisPrefix: string;
  readonly dataDir: string;
  readonly jwt: {
    secret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    /** Tolerance for exp, nbf and iat, in seconds. */
    clockSkewSeconds: number;
  };
  /** Bearer token a Prometheus scraper may use instead of an admin JWT. */
  readonly metricsToken?: string;
  readonly encryptionKeys: EncryptionKey[];
  /** Secret from which each organisation's key for the PII `hash` action is derived. */
  readonly piiHashSecret?: string;
  /** An external bias service whose scores are merged into the built-in analysis. */
  readonly biasService?: { url: string; timeoutMs: number };
  readonly corsOrigins: string[];
  /** Which proxies' X-Forwarded-For to believe for the client IP (rate limits, audit trail). */
  readonly trustProxy: boolean | string[];
  /** Requests per minute per caller, by role (`anonymous`: per IP, for requests without a token). */
  readonly rateLimits: Record<'admin' | 'user' | 'viewer' | 'anonymous', number>;
  /** Per caller and route, for routes marked expensive (uploads, pipeline runs). */
  readonly expensiveRateLimitPerMinute: number;
  readonly maxUploadBytes: number;
  readonly maxBodyBytes: number;
  readonly logLevel: LogLevel;
  /** Whether this API process also consumes the job queue (always true without Redis). */
  readonly apiRunsWorkers: boolean;
  readonly workerConcurrency: number;
  readonly shutdownTimeoutMs: number;
  readonly databasePoolSize: number;

  constructor(values: Omit<AppConfig, 'isProduction' | 'embeddedDatabase'>) {
    Object.assign(this, values);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** True when no DATABASE_URL is given and the service runs its own embedded PostgreSQL. */
  get embeddedDatabase(): boolean {
    return this.databaseUrl === undefined;
  }
}

function parseEncryptionKeys(raw: string | undefined, problems: string[]): EncryptionKey[] {
  if (!raw) return [];
  const keys: EncryptionKey[] = [];
  for (const pair of raw.split(',')) {
    const [id, b64] = pair.split(':');
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) {
      problems.push(`ENCRYPTION_KEYS: key "${id}" must decode to 32 bytes (got ${key.length})`);
    } else if (keys.some((k) => k.id === id)) {
      problems.push(`ENCRYPTION_KEYS: key id "${id}" appears twice`);
    } else {
      keys.push({ id, key });
    }
  }
  return keys;
}

function trustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === 'false') return false;
  return value === 'true' ? true : value.split(',');
}

function rateLimits(perMinute: number, byRole: string | undefined): AppConfig['rateLimits'] {
  const limits = { admin: perMinute, user: perMinute, viewer: perMinute, anonymous: perMinute };
  for (const pair of byRole?.split(',') ?? []) {
    const [role, value] = pair.split('=') as [keyof typeof limits, string];
    limits[role] = Number(value);
  }
  return limits;
}

function productionProblems(env: EnvironmentVariables, keys: EncryptionKey[]): string[] {
  const problems: string[] = [];
  const secret = env.JWT_SECRET;
  if (!secret && !env.JWT_JWKS_URL) {
    problems.push('JWT_SECRET or JWT_JWKS_URL is required in production');
  }
  if (secret && (secret.length < 32 || WEAK_SECRETS.has(secret.toLowerCase()))) {
    problems.push('JWT_SECRET is too weak for production: use at least 32 random characters');
  }
  if (keys.length === 0) {
    problems.push('ENCRYPTION_KEYS is required in production');
  }
  if (!env.PII_HASH_SECRET) {
    problems.push('PII_HASH_SECRET is required in production');
  }
  if (!env.CORS_ORIGINS || env.CORS_ORIGINS.split(',').some((o) => o.trim() === '*')) {
    problems.push('CORS_ORIGINS must list the allowed origins explicitly in production');
  }
  return problems;
}

/** Reads, validates and types the environment; throws ConfigurationError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvironmentVariables, { ...env }, { exposeDefaultValues: true });
  const problems = validateSync(parsed, { whitelist: true, stopAtFirstError: true }).flatMap(
    (error) =>
      Object.values(error.constraints ?? {}).map((message) =>
        message.startsWith(error.property)
          ? `${message} (got ${JSON.stringify(error.value)})`
          : `${error.property}: ${message} (got ${JSON.stringify(error.value)})`,
      ),
  );
  if (problems.length > 0) throw new ConfigurationError(problems);

  const encryptionKeys = parseEncryptionKeys(parsed.ENCRYPTION_KEYS, problems);
  const nodeEnv = parsed.NODE_ENV ?? 'development';
  if (nodeEnv === 'production') problems.push(...productionProblems(parsed, encryptionKeys));
  if (problems.length > 0) throw new ConfigurationError(problems);

  const redisUrl = parsed.REDIS_URL;
  return new AppConfig({
    nodeEnv,
    port: parsed.PORT ?? 5000,
    host: parsed.HOST ?? '0.0.0.0',
    databaseUrl: parsed.DATABASE_URL,
    redisUrl,
    redisPrefix: parsed.REDIS_PREFIX ?? 'techdeck',
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    jwt: {
      secret: parsed.JWT_SECRET,
      jwksUrl: parsed.JWT_JWKS_URL,
      issuer: parsed.JWT_ISSUER,
      audience: parsed.JWT_AUDIENCE,
      clockSkewSeconds: parsed.JWT_CLOCK_SKEW_SECONDS ?? 30,
    },
    metricsToken: parsed.METRICS_TOKEN,
    encryptionKeys,
    piiHashSecret: parsed.PII_HASH_SECRET,
    biasService: parsed.BIAS_SERVICE_URL
      ? { url: parsed.BIAS_SERVICE_URL, timeoutMs: parsed.BIAS_SERVICE_TIMEOUT_MS ?? 5000 }
      : undefined,
    corsOrigins: (parsed.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: trustProxy(parsed.TRUST_PROXY),
    rateLimits: rateLimits(parsed.RATE_LIMIT_PER_MINUTE ?? 100, parsed.RATE_LIMIT_BY_ROLE),
    expensiveRateLimitPerMinute: parsed.RATE_LIMIT_EXPENSIVE_PER_MINUTE ?? 10,
    maxUploadBytes: parsed.MAX_UPLOAD_BYTES ?? 1024 * 1024 * 1024,
    maxBodyBytes: parsed.MAX_BODY_BYTES ?? 10 * 1024 * 1024,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    // An embedded database is owned by one process, so its workers must live there too.
    apiRunsWorkers:
      parsed.DATABASE_URL === undefined ||
      (parsed.API_RUNS_WORKERS === undefined ? !redisUrl : parsed.API_RUNS_WORKERS === 'true'),
    workerConcurrency: parsed.WORKER_CONCURRENCY ?? 4,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    databasePoolSize: parsed.DATABASE_POOL_SIZE ?? 10,
  });
}
