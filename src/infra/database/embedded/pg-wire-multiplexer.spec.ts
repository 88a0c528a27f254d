import { Duplex, PassThrough } from 'node:stream';
import {
  cstring,
  int32,
  PgWireMultiplexer,
  protocolMessage,
  simpleQuery,
  type ProtocolEngine,
} from './pg-wire-multiplexer';

/**
 * A stand-in for PGlite's single session: records what it is asked to run, tracks BEGIN/COMMIT,
 * and answers like PostgreSQL does (CommandComplete, ReadyForQuery, self-notifications).
 */
class FakeSession implements ProtocolEngine {
  readonly log: string[] = [];
  executions = 0;
  private inTx = false;

  async execute(message: Uint8Array, onData: (chunk: Uint8Array) => void): Promise<void> {
    this.executions++;
    await new Promise((resolve) => setImmediate(resolve));
    const out: Buffer[] = [];
    let offset = 0;
    const data = Buffer.from(message);
    while (offset < data.length) {
      const type = String.fromCharCode(data[offset]);
      const end = offset + 1 + data.readInt32BE(offset + 1);
      const body = data.subarray(offset + 5, end);
      const strings = body.toString('utf8').split('\0');
      if (type === 'Q') {
        const sql = strings[0].replace(/--[^\n]*\n/g, '').trim();
        this.log.push(`Q:${sql}`);
        if (/^BEGIN/i.test(sql)) this.inTx = true;
        if (/^(COMMIT|ROLLBACK)/i.test(sql)) this.inTx = false;
        const notify = /^NOTIFY (\w+)/i.exec(sql);
        if (notify) {
          out.push(protocolMessage('A', int32(1), cstring(notify[1]), cstring('payload')));
        }
        out.push(protocolMessage('C', cstring('OK')), this.ready());
      } else if (type === 'P') {
        this.log.push(`P:${strings[0]}:${strings[1]}`);
      } else if (type === 'B') {
        this.log.push(`B:${strings[0]}:${strings[1]}`);
      } else if (type === 'C') {
        this.log.push(`C:${body.toString('utf8', 0, 1)}:${strings[0].slice(1)}`);
      } else if (type === 'S') {
        this.log.push('S');
        out.push(this.ready());
      } else {
        this.log.push(type);
      }
      offset = end;
    }
    onData(Buffer.concat(out));
  }

  inTransaction(): boolean {
    return this.inTx;
  }

  private ready(): Buffer {
    return protocolMessage('Z', Buffer.from(this.inTx ? 'T' : 'I'));
  }
}

/** One client connection over an in-memory duplex, with its backend messages decoded. */
class Client {
  readonly messages: { type: string; body: Buffer }[] = [];
  private readonly toServer = new PassThrough();
  private readonly toClient = new PassThrough();
  private readonly server = Duplex.from({ readable: this.toServer, writable: this.toClient });
  private pending = Buffer.alloc(0);
  private waiters: (() => void)[] = [];

  constructor(multiplexer: PgWireMultiplexer, options?: string) {
    multiplexer.attach(this.server);
    this.toClient.on('data', (data: Buffer) => this.receive(data));
    const params = [cstring('user'), cstring('postgres')];
    if (options) params.push(cstring('options'), cstring(options));
    const body = Buffer.concat([int32(196608), ...params, Buffer.from([0])]);
    this.toServer.write(Buffer.concat([int32(body.length + 4), body]));
  }

  send(...messages: Buffer[]): void {
    this.toServer.write(Buffer.concat(messages));
  }

  count(type: string): number {
    return this.messages.filter((m) => m.type === type).length;
  }

  /** Resolves once the client has received `n` messages of a type. */
  async received(type: string, n: number): Promise<void> {
    while (this.count(type) < n) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Closes the connection; resolves once the multiplexer has seen it close. */
  async disconnect(): Promise<void> {
    const closed = new Promise((resolve) => this.server.once('close', resolve));
    this.server.destroy();
    await closed;
  }

  private receive(data: Buffer): void {
    this.pending = Buffer.concat([this.pending, data]);
    while (this.pending.length > 0) {
      if (this.pending[0] === 0x4e && this.pending.length === 1) {
        this.messages.push({ type: 'N', body: Buffer.alloc(0) });
        this.pending = Buffer.alloc(0);
        break;
      }
      if (this.pending.length < 5) break;
      const end = 1 + this.pending.readInt32BE(1);
      if (this.pending.length < end) break;
      this.messages.push({
        type: String.fromCharCode(this.pending[0]),
        body: this.pending.subarray(5, end),
      });
      this.pending = this.pending.subarray(end);
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}

const parse = (name: string, sql: string) =>
  protocolMessage('P', cstring(name), cstring(sql), Buffer.from([0, 0]));
const bind = (statement: string) =>
  protocolMessage('B', cstring(''), cstring(statement), Buffer.from([0, 0, 0, 0, 0, 0]));
const execute = () => protocolMessage('E', cstring(''), int32(0));
const sync = () => protocolMessage('S');

/** Connects clients (with optional start-up options each) and waits for their handshakes. */
async function connect(multiplexer: PgWireMultiplexer, ...options: (string | undefined)[]) {
  const clients = options.map((option) => new Client(multiplexer, option));
  await Promise.all(clients.map((client) => client.received('Z', 1)));
  return clients;
}

function setup() {
  const engine = new FakeSession();
  const multiplexer = new PgWireMultiplexer(engine, {
    parameters: { server_version: '18.0', client_encoding: 'UTF8' },
    defaultSearchPath: '"$user", public',
  });
  return { engine, multiplexer };
}

describe('PgWireMultiplexer', () => {
  it('completes the start-up handshake itself: authentication ok, parameters, key, ready', async () => {
    const { multiplexer, engine } = setup();
    const client = new Client(multiplexer);
    await client.received('Z', 1);
    expect(client.messages.map((m) => m.type)).toEqual(['R', 'S', 'S', 'S', 'K', 'Z']);
    expect(client.messages[0].body.readInt32BE(0)).toBe(0);
    expect(engine.executions).toBe(0);
  });

  it('runs a client query on the engine and returns its output to that client only', async () => {
    const { multiplexer, engine } = setup();
    const [a, b] = await connect(multiplexer, undefined, undefined);
    a.send(simpleQuery('SELECT 1'));
    await a.received('C', 1);
    expect(engine.log).toEqual(['Q:SELECT 1']);
    expect(b.count('C')).toBe(0);
  });

  it('runs no other client while one holds a transaction open', async () => {
    const { multiplexer, engine } = setup();
    const [a, b] = await connect(multiplexer, undefined, undefined);
    a.send(simpleQuery('BEGIN'));
    await a.received('Z', 2);
    b.send(simpleQuery('SELECT b'));
    a.send(simpleQuery('UPDATE a'));
    await a.received('Z', 3);
    expect(b.count('C')).toBe(0);
    a.send(simpleQuery('COMMIT'));
    await b.received('C', 1);
    expect(engine.log).toEqual(['Q:BEGIN', 'Q:UPDATE a', 'Q:COMMIT', 'Q:SELECT b']);
  });

  it('rolls back the open transaction of a client that disconnects, then serves the others', async () => {
    const { multiplexer, engine } = setup();
    const [a, b] = await connect(multiplexer, undefined, undefined);
    a.send(simpleQuery('BEGIN'));
    await a.received('Z', 2);
    b.send(simpleQuery('SELECT b'));
    await a.disconnect();
    await b.received('C', 1);
    expect(engine.log).toEqual(['Q:BEGIN', 'Q:ROLLBACK', 'Q:SELECT b']);
    expect(engine.inTransaction()).toBe(false);
  });

  it('runs an extended-protocol batch up to Sync as one unit', async () => {
    const { multiplexer, engine } = setup();
    const [a] = await connect(multiplexer, undefined);
    a.send(parse('', 'SELECT $1'), bind(''));
    a.send(execute());
    a.send(sync());
    await a.received('Z', 2);
    expect(engine.executions).toBe(1);
    expect(engine.log).toEqual(['P::SELECT $1', 'B::', 'E', 'S']);
  });

  it('keeps named prepared statements of different clients apart and frees them on disconnect', async () => {
    const { multiplexer, engine } = setup();
    const [a, b] = await connect(multiplexer, undefined, undefined);
    a.send(parse('stmt', 'SELECT 1'), bind('stmt'), execute(), sync());
    await a.received('Z', 2);
    b.send(parse('stmt', 'SELECT 2'), bind('stmt'), execute(), sync());
    await b.received('Z', 2);
    await a.disconnect();
    await multiplexer.drained();
    expect(engine.log.filter((line) => /^[PBC]:/.test(line))).toEqual([
      'P:c1_stmt:SELECT 1',
      'B::c1_stmt',
      'P:c2_stmt:SELECT 2',
      'B::c2_stmt',
      'C:S:c1_stmt',
    ]);
  });

  it("applies each client's search_path start-up option before its queries", async () => {
    const { multiplexer, engine } = setup();
    const [queue, app] = await connect(multiplexer, '-c search_path=bullmq', undefined);
    queue.send(simpleQuery('SELECT job'));
    await queue.received('C', 1);
    app.send(simpleQuery('SELECT entity'));
    await app.received('C', 1);
    expect(engine.log).toEqual([
      'Q:SET search_path TO bullmq',
      'Q:SELECT job',
      'Q:SET search_path TO "$user", public',
      'Q:SELECT entity',
    ]);
  });

  it('delivers a notification to the client that LISTENs, not to the one that notified', async () => {
    const { multiplexer } = setup();
    const [listener, notifier] = await connect(multiplexer, undefined, undefined);
    listener.send(simpleQuery('-- wake workers\nLISTEN bullmq_jobs'));
    await listener.received('C', 1);
    notifier.send(simpleQuery('NOTIFY bullmq_jobs'));
    await notifier.received('C', 1);
    await listener.received('A', 1);
    expect(notifier.count('A')).toBe(0);
    expect(listener.messages.find((m) => m.type === 'A')?.body.toString()).toContain('bullmq_jobs');
  });

  it('answers an SSL request with N so clients continue in plain text on loopback', async () => {
    const { multiplexer } = setup();
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    multiplexer.attach(Duplex.from({ readable: toServer, writable: toClient }));
    const answer = new Promise<Buffer>((resolve) => toClient.once('data', resolve));
    toServer.write(Buffer.concat([int32(8), int32(80877103)]));
    expect((await answer).toString()).toBe('N');
  });
});
