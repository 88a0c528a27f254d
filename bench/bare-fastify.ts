import multipart from '@fastify/multipart';
import Fastify from 'fastify';

/**
 * The baselines, in their own process: a bare Fastify route with a small JSON answer, and a bare
 * multipart upload route that only drains the file (no detection, hashing or encryption).
 */
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024 } });
  app.get('/hello', async () => ({ success: true, data: { status: 'ok' } }));
  app.post('/upload', async (request) => {
    let bytes = 0;
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      for await (const chunk of part.file) bytes += (chunk as Buffer).length;
    }
    return { success: true, data: { bytes } };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
