import { parentPort } from 'node:worker_threads';
import { scanText } from './analyzer';
import { type ScanReply, type ScanRequest, scanLines, sparse } from './scan-pool';

parentPort!.on('message', (request: ScanRequest) => {
  let reply: ScanReply;
  try {
    reply = {
      id: request.id,
      results: sparse(
        request.kind === 'texts'
          ? request.texts.map((text) => scanText(text, request.options))
          : scanLines(request.bytes, request.options, request.fields),
      ),
    };
  } catch (error) {
    // The message only: the texts are PHI and never leave in an error.
    reply = { id: request.id, error: error instanceof Error ? error.message : 'scan failed' };
  }
  parentPort!.postMessage(reply);
});
