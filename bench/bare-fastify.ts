import Fastify from 'fastify';

/** The baseline: a bare Fastify route with a small JSON answer, in its own process. */
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ success: true, data: { status: 'ok' } }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
