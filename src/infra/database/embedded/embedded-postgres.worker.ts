import { createServer } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PgWireMultiplexer } from './pg-wire-multiplexer';
import type { EmbeddedWorkerData, WorkerReply, WorkerRequest } from './embedded-postgres.protocol';

/**
 * Worker-thread entry: owns the PGlite instance and serves it on a loopback port, so the WASM
 * engine never blocks the API's event loop and every caller goes through the ordinary pg driver.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('embedded-postgres.worker must run in a worker thread');
  const { pgDataDir } = workerData as EmbeddedWorkerData;
  const reply = (message: WorkerReply) => port.postMessage(message);

  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: pgDataDir });
    const settings = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN
        ('server_version', 'server_encoding', 'client_encoding', 'DateStyle', 'TimeZone',
         'integer_datetimes', 'standard_conforming_strings', 'IntervalStyle', 'search_path')`,
    );
    const parameters = Object.fromEntries(settings.rows.map((row) => [row.name, row.setting]));
    const defaultSearchPath = parameters.search_path;
    delete parameters.search_path;

    const multiplexer = new PgWireMultiplexer(
      {
        execute: (message, onData) => db.execProtocolRawStream(message, { onRawData: onData }),
        inTransaction: () => db.isInTransaction(),
      },
      { parameters, defaultSearchPath },
    );
    const server = createServer((socket) => multiplexer.attach(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');

    port.on('message', (request: WorkerRequest) => {
      if (request.type !== 'close') return;
      void (async () => {
        server.close();
        await multiplexer.disconnectAll();
        await db.close();
        reply({ type: 'closed' });
      })().catch((error: Error) => reply({ type: 'error', message: error.message }));
    });
    reply({ type: 'ready', port: address.port, serverVersion: parameters.server_version });
  } catch (error) {
    reply({ type: 'error', message: (error as Error).message });
  }
}

void main();
