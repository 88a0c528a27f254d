/** Messages between the API thread and the embedded database's worker thread. */
export interface EmbeddedWorkerData {
  pgDataDir: string;
}

export type WorkerRequest = { type: 'close' };

export type WorkerReply =
  | { type: 'ready'; port: number; serverVersion: string }
  | { type: 'closed' }
  | { type: 'error'; message: string };
