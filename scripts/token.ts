import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { ConfigurationError, loadConfig } from '../src/config/app-config';
import { isRole } from '../src/modules/auth/principal';
import { hs256Secret } from '../src/modules/auth/verification-keys';
import { loadDotEnv } from '../src/process-lifecycle';

const USAGE =
  'usage: npm run token -- --sub <user id> [--role admin|user|viewer] [--org <tenant>] [--ttl 1h]';

/**
 * Development tokens: `npm run token -- --sub alice --role admin --org acme --ttl 1h` prints a
 * token signed with the service's HS256 secret (JWT_SECRET, or the development secret in DATA_DIR).
 */
function main(): number {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      org: { type: 'string', default: 'default' },
      ttl: { type: 'string', default: '1h' },
    },
  });
  loadDotEnv();
  const config = loadConfig();
  if (config.isProduction) {
    process.stderr.write(
      'npm run token refuses to sign tokens in production (NODE_ENV=production)\n',
    );
    return 1;
  }
  if (!values.sub || !isRole(values.role) || !/^\d+[smhd]?$/.test(values.ttl)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const hs256 = hs256Secret(config);
  if (!hs256) {
    process.stderr.write('JWT_JWKS_URL is set: tokens come from your identity provider\n');
    return 1;
  }
  const token = new JwtService().sign(
    { sub: values.sub, role: values.role, org: values.org },
    {
      secret: hs256.secret,
      algorithm: 'HS256',
      expiresIn: values.ttl as `${number}h`,
      ...(config.jwt.issuer ? { issuer: config.jwt.issuer } : {}),
      ...(config.jwt.audience ? { audience: config.jwt.audience } : {}),
    },
  );
  process.stdout.write(`${token}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigurationError ? error.message : (error as Error).stack}\n`,
  );
  process.exitCode = 1;
}
