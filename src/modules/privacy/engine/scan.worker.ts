import { parentPort } from 'node:worker_threads';
import { scanText } from './analyzer';
import type { ScanReply, ScanRequest } from './scan-pool';

parentPort!.on('message', ({ id, texts, options }: ScanRequest) => {
  let reply: ScanReply;
  try {
    reply = { id, results: texts.map((text) => scanText(text, options)) };
  } catch (error) {
    // The message only: the texts are PHI and never leave in an error.
    reply = { id, error: error instanceof Error ? error.message : 'scan failed' };
  }
  parentPort!.postMessage(reply);
});
