import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppOptions } from '../../src/app.module';
import { createApp } from '../../src/app.setup';
import { type AppConfig, loadConfig } from '../../src/config/app-config';
import type { Role } from '../../src/modules/auth/principal';

/**
 * The suite runs against the embedded default, or against real servers when DATABASE_URL and
 * REDIS_URL are set (CI's second pass).
 */
export const REAL_SERVERS = Boolean(process.env.DATABASE_URL);
export const itWithRealServers = REAL_SERVERS ? it : it.skip;
export const itEmbedded = REAL_SERVERS ? it.skip : it;

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'techdeck-test-'));
}

export type EnvOverrides = Record<string, string | undefined>;

export const TEST_JWT_SECRET = 'e2e-secret-0123456789-0123456789-0123456789';

/** A token as the service's users get them (HS256 with the test secret). */
export function tokenFor(
  role: Role,
  claims: { sub?: string; org?: string; expiresIn?: number } = {},
): string {
  return new JwtService().sign(
    { sub: claims.sub ?? `${role}-1`, role, org: claims.org ?? 'acme' },
    { secret: TEST_JWT_SECRET, algorithm: 'HS256', expiresIn: claims.expiresIn ?? 3600 },
  );
}

export function testConfig(overrides: EnvOverrides = {}): AppConfig {
  return loadConfig({
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: freshDataDir(),
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: process.env.REDIS_PREFIX ?? 'techdeck-test',
    // The API consumes jobs itself unless a test says otherwise, in both modes.
    API_RUNS_WORKERS: 'true',
    // Suites send many requests as the same user; the rate-limit suite sets its own limits.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_EXPENSIVE_PER_MINUTE: '1000000',
    ...overrides,
  });
}

export interface TestRequestInit extends RequestInit {
  /** Whose token to send: an admin's unless said otherwise; null sends none. */
  as?: Role | null;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  request(path: string, init?: TestRequestInit): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  body: any;
}

/** Boots the real application on a loopback port. */
export async function startApp(
  overrides: EnvOverrides = {},
  options: AppOptions = {},
): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createApp(config, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let closed = false;
  return {
    app,
    config,
    url,
    request: async (path, { as = 'admin', ...init } = {}) => {
      const headers = new Headers(init.headers);
      if (as && !headers.has('authorization')) {
        headers.set('authorization', `Bearer ${tokenFor(as)}`);
      }
      const response = await fetch(url + path, { ...init, headers });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, headers: response.headers, text, body };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
}

export function json(body: unknown, init: TestRequestInit = {}): TestRequestInit {
  return {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
