import { randomInt } from 'node:crypto';
import type { Duplex } from 'node:stream';

/** A single PostgreSQL session that executes complete frontend protocol messages. */
export interface ProtocolEngine {
  /** Runs the given frontend messages; backend output is handed to onData as it is produced. */
  execute(message: Uint8Array, onData: (chunk: Uint8Array) => void): Promise<void>;
  /** Whether the session is inside a transaction block (including a failed one). */
  inTransaction(): boolean;
}

export interface MultiplexerOptions {
  /** ParameterStatus values announced to every client at start-up. */
  parameters: Record<string, string>;
  /** search_path of the session before any client changed it. */
  defaultSearchPath: string;
  onClientError?: (error: Error) => void;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3_0 = 196608;
const SAFE_SEARCH_PATH = /^[\w$", ]{1,200}$/;

class ClientSession {
  buffer: Buffer = Buffer.alloc(0);
  started = false;
  closed = false;
  /** Extended-protocol messages waiting for their Sync. */
  pending: Buffer[] = [];
  /** Named prepared statements this client created (already prefixed). */
  readonly statements = new Set<string>();
  /** Channels this client LISTENs on; notifications are routed to it, not to the notifier. */
  readonly channels = new Set<string>();
  searchPath: string;

  constructor(
    readonly id: number,
    readonly socket: Duplex,
    defaultSearchPath: string,
  ) {
    this.searchPath = defaultSearchPath;
  }

  get prefix(): string {
    return `c${this.id}_`;
  }
}

interface Unit {
  session: ClientSession;
  message?: Buffer;
  /** Rolls back the client's open transaction and frees its statements after it disconnected. */
  cleanup?: boolean;
}

/**
 * Serves many PostgreSQL wire-protocol clients from one single-session engine (PGlite) without
 * letting them see each other's state. Each client's simple Query, or its whole extended-protocol
 * batch up to Sync, runs as one unit; while a client holds a transaction open only that client's
 * units run, so transactions are isolated and rollbacks are real. Named prepared statements and
 * portals are renamed per client so they cannot collide, and each client's search_path startup
 * option is applied before its units run. Notifications (LISTEN/NOTIFY), which the single
 * session would hand to whichever client happened to commit the NOTIFY, are taken out of the output
 * and delivered to the clients that LISTEN on the channel. Not supported: COPY, TLS.
 */
export class PgWireMultiplexer {
  private readonly queue: Unit[] = [];
  private readonly sessions = new Set<ClientSession>();
  private owner: ClientSession | null = null;
  private running = false;
  private nextId = 1;
  private currentSearchPath: string;
  private idle: Promise<void> = Promise.resolve();
  private resolveIdle: () => void = () => undefined;

  constructor(
    private readonly engine: ProtocolEngine,
    private readonly options: MultiplexerOptions,
  ) {
    this.currentSearchPath = options.defaultSearchPath;
  }

  get clientCount(): number {
    return this.sessions.size;
  }

  /** Serves one client connection (a TCP socket, or any duplex stream in tests). */
  attach(socket: Duplex & { setNoDelay?: (noDelay: boolean) => unknown }): void {
    const session = new ClientSession(this.nextId++, socket, this.options.defaultSearchPath);
    this.sessions.add(session);
    socket.setNoDelay?.(true);
    socket.on('data', (data: Buffer) => {
      try {
        this.receive(session, data);
      } catch (error) {
        this.options.onClientError?.(error as Error);
        socket.destroy();
      }
    });
    socket.on('error', (error) => this.options.onClientError?.(error));
    socket.on('close', () => this.detach(session));
  }

  /** Waits until every queued unit, including disconnect clean-ups, has run. */
  async drained(): Promise<void> {
    await this.idle;
  }

  /**
   * Disconnects every client and resolves once their clean-ups (rollbacks) have run, so the
   * engine can be closed with nothing left to execute on it.
   */
  async disconnectAll(): Promise<void> {
    const closed = [...this.sessions].map(
      (session) =>
        new Promise<void>((resolve) => {
          if (session.socket.destroyed && session.closed) return resolve();
          session.socket.once('close', () => resolve());
          session.socket.destroy();
        }),
    );
    await Promise.all(closed);
    await this.drained();
  }

  private receive(session: ClientSession, data: Buffer): void {
    session.buffer = session.buffer.length ? Buffer.concat([session.buffer, data]) : data;
    while (!session.closed) {
      const message = session.started ? takeMessage(session) : takeStartup(session);
      if (!message) return;
      if (!session.started) {
        this.startup(session, message);
        continue;
      }
      const type = String.fromCharCode(message[0]);
      if (type === 'X') {
        session.socket.end();
        return;
      }
      if (type === 'Q' || type === 'F') {
        if (type === 'Q') trackListen(session, message.subarray(5));
        this.enqueue({ session, message });
      } else if (type === 'S') {
        session.pending.push(message);
        this.enqueue({ session, message: Buffer.concat(session.pending) });
        session.pending = [];
      } else {
        session.pending.push(renameObjects(type, message, session));
      }
    }
  }

  private startup(session: ClientSession, message: Buffer): void {
    const code = message.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      session.socket.write('N');
      return;
    }
    if (code === CANCEL_REQUEST) {
      session.socket.end();
      return;
    }
    if (code !== PROTOCOL_3_0) {
      session.socket.end(errorResponse('08P01', `unsupported frontend protocol ${code}`));
      return;
    }
    const params = parseStartupParameters(message.subarray(8));
    const searchPath = /-c\s*search_path=(\S+)/.exec(params.options ?? '')?.[1];
    if (searchPath !== undefined) {
      if (!SAFE_SEARCH_PATH.test(searchPath)) {
        session.socket.end(errorResponse('22023', 'invalid search_path option'));
        return;
      }
      session.searchPath = searchPath;
    }
    session.started = true;
    const parts: Buffer[] = [protocolMessage('R', int32(0))];
    const announced = {
      ...this.options.parameters,
      application_name: params.application_name ?? '',
    };
    for (const [key, value] of Object.entries(announced)) {
      parts.push(protocolMessage('S', cstring(key), cstring(value)));
    }
    parts.push(protocolMessage('K', int32(session.id), int32(randomInt(2 ** 31 - 1))));
    parts.push(protocolMessage('Z', Buffer.from('I')));
    session.socket.write(Buffer.concat(parts));
  }

  private detach(session: ClientSession): void {
    if (!this.sessions.delete(session)) return;
    session.closed = true;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].session === session) this.queue.splice(i, 1);
    }
    this.enqueue({ session, cleanup: true });
  }

  private enqueue(unit: Unit): void {
    this.queue.push(unit);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.idle = new Promise((resolve) => (this.resolveIdle = resolve));
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((u) => u.session === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const [unit] = this.queue.splice(index, 1);
        try {
          await this.run(unit);
        } catch (error) {
          this.options.onClientError?.(error as Error);
          unit.session.socket.destroy();
        }
      }
    } finally {
      this.running = false;
      this.resolveIdle();
    }
  }

  private async run(unit: Unit): Promise<void> {
    const { session } = unit;
    if (unit.cleanup) {
      await this.cleanup(session);
      return;
    }
    if (session.closed || !unit.message) return;
    await this.useSearchPath(session.searchPath);
    const output = new OutputRouter(
      (message) => {
        if (!session.closed) session.socket.write(message);
      },
      (channel, message) => this.notify(channel, message),
    );
    await this.engine.execute(unit.message, (chunk) => output.push(chunk));
    output.flush();
    this.owner = this.engine.inTransaction() ? session : null;
  }

  private async cleanup(session: ClientSession): Promise<void> {
    const messages: Buffer[] = [];
    if (this.owner === session && this.engine.inTransaction()) {
      messages.push(simpleQuery('ROLLBACK'));
    }
    for (const name of session.statements) {
      messages.push(protocolMessage('C', Buffer.from('S'), cstring(name)));
    }
    if (session.statements.size > 0) messages.push(protocolMessage('S'));
    if (this.owner === session) this.owner = null;
    if (messages.length > 0) await this.engine.execute(Buffer.concat(messages), () => undefined);
  }

  private notify(channel: string, message: Buffer): void {
    for (const session of this.sessions) {
      if (!session.closed && session.channels.has(channel)) session.socket.write(message);
    }
  }

  private async useSearchPath(searchPath: string): Promise<void> {
    if (searchPath === this.currentSearchPath) return;
    await this.engine.execute(simpleQuery(`SET search_path TO ${searchPath}`), () => undefined);
    this.currentSearchPath = searchPath;
  }
}

/**
 * Splits backend output into whole messages, passing all but NotificationResponse ('A') through in
 * one write per chunk, and handing each notification to the router with its channel.
 */
class OutputRouter {
  private carry: Buffer = Buffer.alloc(0);

  constructor(
    private readonly forward: (data: Buffer) => void,
    private readonly route: (channel: string, message: Buffer) => void,
  ) {}

  push(chunk: Uint8Array): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk);
    let start = 0;
    let offset = 0;
    while (offset + 5 <= data.length) {
      const end = offset + 1 + data.readInt32BE(offset + 1);
      if (end > data.length) break;
      if (data[offset] === 0x41) {
        if (offset > start) this.forward(data.subarray(start, offset));
        const message = data.subarray(offset, end);
        const [channel] = splitCString(message.subarray(9));
        this.route(channel, Buffer.from(message));
        start = end;
      }
      offset = end;
    }
    if (offset > start) this.forward(data.subarray(start, offset));
    this.carry = data.subarray(offset);
  }

  flush(): void {
    if (this.carry.length) this.forward(this.carry);
    this.carry = Buffer.alloc(0);
  }
}

/** Records LISTEN / UNLISTEN issued as simple queries (as pg clients do), after any comments. */
function trackListen(session: ClientSession, body: Buffer): void {
  const sql = body
    .toString('utf8', 0, Math.min(body.length, 2000))
    .replace(/--[^\n]*\n?|\/\*[\s\S]*?\*\//g, ' ');
  const match = /^\s*(UNLISTEN|LISTEN)\s+("(?:[^"]|"")+"|[\w$]+|\*)/i.exec(sql);
  if (!match) return;
  const [, command, name] = match;
  const channel = name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase();
  if (command.toUpperCase() === 'LISTEN') session.channels.add(channel);
  else if (channel === '*') session.channels.clear();
  else session.channels.delete(channel);
}

function takeStartup(session: ClientSession): Buffer | undefined {
  if (session.buffer.length < 8) return undefined;
  const length = session.buffer.readInt32BE(0);
  if (length < 8 || length > 10_000) throw new Error(`invalid startup packet length ${length}`);
  if (session.buffer.length < length) return undefined;
  const message = session.buffer.subarray(0, length);
  session.buffer = session.buffer.subarray(length);
  return message;
}

function takeMessage(session: ClientSession): Buffer | undefined {
  if (session.buffer.length < 5) return undefined;
  const length = session.buffer.readInt32BE(1);
  if (length < 4) throw new Error(`invalid message length ${length}`);
  if (session.buffer.length < length + 1) return undefined;
  const message = session.buffer.subarray(0, length + 1);
  session.buffer = session.buffer.subarray(length + 1);
  return message;
}

function parseStartupParameters(body: Buffer): Record<string, string> {
  const values = body.toString('utf8').split('\0');
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < values.length && values[i] !== ''; i += 2)
    params[values[i]] = values[i + 1];
  return params;
}

/** Prefixes non-empty statement and portal names in Parse, Bind, Describe, Close and Execute. */
function renameObjects(type: string, message: Buffer, session: ClientSession): Buffer {
  const body = message.subarray(5);
  const prefix = session.prefix;
  const rename = (name: string) => (name === '' ? '' : prefix + name);
  switch (type) {
    case 'P': {
      const [name, rest] = splitCString(body);
      const renamed = rename(name);
      if (renamed) session.statements.add(renamed);
      return name ? protocolMessage('P', cstring(renamed), rest) : message;
    }
    case 'B': {
      const [portal, afterPortal] = splitCString(body);
      const [statement, rest] = splitCString(afterPortal);
      if (!portal && !statement) return message;
      return protocolMessage('B', cstring(rename(portal)), cstring(rename(statement)), rest);
    }
    case 'D':
    case 'C': {
      const kind = body.subarray(0, 1);
      const [name, rest] = splitCString(body.subarray(1));
      if (!name) return message;
      if (type === 'C' && kind.toString() === 'S') session.statements.delete(rename(name));
      return protocolMessage(type, kind, cstring(rename(name)), rest);
    }
    case 'E': {
      const [portal, rest] = splitCString(body);
      return portal ? protocolMessage('E', cstring(rename(portal)), rest) : message;
    }
    default:
      return message;
  }
}

function splitCString(buffer: Buffer): [string, Buffer] {
  const end = buffer.indexOf(0);
  if (end < 0) throw new Error('unterminated string in protocol message');
  return [buffer.toString('utf8', 0, end), buffer.subarray(end + 1)];
}

export function cstring(value: string): Buffer {
  return Buffer.from(`${value}\0`, 'utf8');
}

export function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

/** Builds a typed protocol message (the same framing serves both directions). */
export function protocolMessage(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

export function simpleQuery(sql: string): Buffer {
  return protocolMessage('Q', cstring(sql));
}

function errorResponse(code: string, message: string): Buffer {
  return protocolMessage(
    'E',
    Buffer.from('S'),
    cstring('FATAL'),
    Buffer.from('C'),
    cstring(code),
    Buffer.from('M'),
    cstring(message),
    Buffer.from([0]),
  );
}
