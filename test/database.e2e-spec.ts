import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/infra/database/data-source.factory';
import {
  type DatabaseEndpoint,
  openDatabaseEndpoint,
} from '../src/infra/database/database-endpoint';
import { DataDirLockedError } from '../src/infra/database/embedded/data-dir-lock';
import { EmbeddedPostgres } from '../src/infra/database/embedded/embedded-postgres';
import { freshDataDir, itEmbedded, REAL_SERVERS } from './support/test-app';

describe(`database under concurrent transactions (${REAL_SERVERS ? 'PostgreSQL' : 'embedded'})`, () => {
  let endpoint: DatabaseEndpoint;
  let db: DataSource;
  const table = `test_counter_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    endpoint = await openDatabaseEndpoint({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: freshDataDir(),
    });
    db = createDataSource(endpoint.connectionString, 10);
    await db.initialize();
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL CHECK (n >= 0))`);
  });

  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.destroy();
    await endpoint.close();
  });

  beforeEach(async () => {
    await db.query(`TRUNCATE ${table}`);
    await db.query(`INSERT INTO ${table} VALUES (1, 0)`);
  });

  const value = async () => (await db.query(`SELECT n FROM ${table} WHERE id = 1`))[0].n;

  it('keeps every one of 50 concurrent read-modify-write transactions', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query(`SELECT n FROM ${table} WHERE id = 1 FOR UPDATE`);
          await tx.query('SELECT pg_sleep(0)');
          await tx.query(`UPDATE ${table} SET n = $1 WHERE id = 1`, [row.n + 1]);
        }),
      ),
    );
    expect(await value()).toBe(50);
  });

  it('rolls back a transaction that throws, while other connections keep working', async () => {
    const failing = db.transaction(async (tx) => {
      await tx.query(`UPDATE ${table} SET n = 999 WHERE id = 1`);
      await tx.query(`INSERT INTO ${table} VALUES (2, 5)`);
      throw new Error('abort the change');
    });
    const readers = Array.from({ length: 10 }, () => value());
    await expect(failing).rejects.toThrow('abort the change');
    const seen = await Promise.all(readers);
    expect(seen.every((n) => n === 0)).toBe(true);
    expect(await value()).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS c FROM ${table}`))[0].c).toBe(1);
  });

  it('rolls back the whole transaction when one statement fails', async () => {
    const failing = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} VALUES (3, 1)`);
      await tx.query(`UPDATE ${table} SET n = -1 WHERE id = 1`);
    });
    await expect(failing).rejects.toThrow(/check constraint/);
    expect((await db.query(`SELECT count(*)::int AS c FROM ${table}`))[0].c).toBe(1);
    expect(await value()).toBe(0);
  });

  it('lets interleaved transactions of different connections commit independently', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db
          .transaction(async (tx) => {
            await tx.query(`INSERT INTO ${table} VALUES ($1, $2)`, [100 + i, i]);
            if (i % 2 === 1) throw new Error('odd ones roll back');
          })
          .catch(() => undefined),
      ),
    );
    const rows = await db.query(`SELECT id FROM ${table} WHERE id >= 100 ORDER BY id`);
    expect(rows.map((r: { id: number }) => r.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => 100 + 2 * i),
    );
  });
});

describe('embedded database files', () => {
  itEmbedded('keeps data across a restart', async () => {
    const dataDir = freshDataDir();
    const first = await EmbeddedPostgres.start(dataDir);
    const firstDb = createDataSource(first.connectionString, 2);
    await firstDb.initialize();
    await firstDb.query('CREATE TABLE note (id int PRIMARY KEY, body text)');
    await firstDb.query(`INSERT INTO note VALUES (1, 'kept')`);
    await firstDb.destroy();
    await first.close();

    const second = await EmbeddedPostgres.start(dataDir);
    const secondDb = createDataSource(second.connectionString, 2);
    await secondDb.initialize();
    expect(await secondDb.query('SELECT body FROM note')).toEqual([{ body: 'kept' }]);
    await secondDb.destroy();
    await second.close();
  });

  itEmbedded(
    'refuses a second opener of the same data directory, then frees it on close',
    async () => {
      const dataDir = freshDataDir();
      const owner = await EmbeddedPostgres.start(dataDir);
      const second = EmbeddedPostgres.start(dataDir);
      await expect(second).rejects.toThrow(DataDirLockedError);
      await expect(second).rejects.toThrow(`in use by another process (pid ${process.pid})`);
      await owner.close();
      const next = await EmbeddedPostgres.start(dataDir);
      await next.close();
    },
  );

  itEmbedded('takes over a lock left by a process that died', async () => {
    const dataDir = freshDataDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dataDir, '.lock'), String(dead));
    const db = await EmbeddedPostgres.start(dataDir);
    await db.close();
  });
});
