import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of the pattern in the process's output. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the service, the worker or a script as a real process from the TypeScript sources, with the
 * given environment on top of a minimal one (no inherited DATABASE_URL/REDIS_URL surprises).
 */
const ENTRIES = {
  main: join(ROOT, 'src', 'main.ts'),
  worker: join(ROOT, 'src', 'worker.ts'),
  token: join(ROOT, 'scripts', 'token.ts'),
};

export function startProcess(
  entry: keyof typeof ENTRIES,
  env: Record<string, string>,
  args: string[] = [],
): ServiceProcess {
  const child = spawn(
    process.execPath,
    ['--require', require.resolve('@swc-node/register'), ENTRIES[entry], ...args],
    {
      // Not the repository: a developer's .env there must not leak into the test.
      cwd: mkdtempSync(join(tmpdir(), 'techdeck-cwd-')),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const watchers: (() => void)[] = [];
  const collect = (data: Buffer) => {
    output += data.toString();
    for (const watcher of watchers.splice(0)) watcher();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
      for (const watcher of watchers.splice(0)) watcher();
    }),
  );

  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) return resolve(match);
        if (done) return reject(new Error(`process exited before ${pattern}:\n${output}`));
        watchers.push(check);
      };
      check();
    });

  return {
    child,
    output: () => output,
    waitFor,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
