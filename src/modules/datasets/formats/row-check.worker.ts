import { parentPort } from 'node:worker_threads';
import type { DetectedFormat } from './detect';
import { MalformedContentError } from './format';
import { type CheckReply, RowCounter } from './row-check';

type CheckRequest = { session: number } & (
  | { type: 'start'; detected: DetectedFormat }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
);

/** One upload at a time; a message of an earlier, abandoned upload is ignored. */
let session = 0;
let counter: RowCounter | undefined;
let failed = false;

type Reply = CheckReply extends infer R
  ? R extends CheckReply
    ? Omit<R, 'session'>
    : never
  : never;
const reply = (message: Reply) => parentPort!.postMessage({ ...message, session } as CheckReply);

function fail(error: unknown): void {
  failed = true;
  if (error instanceof MalformedContentError) {
    reply({ type: 'malformed', row: error.row, reason: error.reason });
  } else {
    reply({
      type: 'malformed',
      row: (counter?.rows ?? 0) + 1,
      reason: 'the content cannot be read',
    });
  }
}

parentPort!.on('message', (message: CheckRequest) => {
  if (message.type === 'start') {
    session = message.session;
    counter = new RowCounter(message.detected);
    failed = false;
    return;
  }
  if (message.session !== session) return;
  switch (message.type) {
    case 'chunk':
      if (counter && !failed) {
        try {
          counter.push(message.bytes);
        } catch (error) {
          fail(error);
        }
      }
      reply({ type: 'ack', bytes: message.bytes.byteLength });
      return;
    case 'end':
      if (!counter || failed) return;
      try {
        reply({ type: 'done', rows: counter.end() });
      } catch (error) {
        fail(error);
      }
      return;
  }
});
