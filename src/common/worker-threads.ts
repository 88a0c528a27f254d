import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts `<directory>/<name>.js`, or its `.ts` source when running from source (tests, scripts),
 * through the same swc register hook. The worker is unref'd: an idle pool never keeps the
 * process alive.
 */
export function startWorker(directory: string, name: string, callerFile: string): Worker {
  const typescript = callerFile.endsWith('.ts');
  const worker = new Worker(join(directory, `${name}${typescript ? '.ts' : '.js'}`), {
    execArgv: typescript ? ['--require', require.resolve('@swc-node/register')] : [],
  });
  worker.unref();
  return worker;
}
