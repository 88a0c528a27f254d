import { ApiError } from '../../common/errors/api-error';
import { POOL_MIN_CHARS } from './engine';
import { PiiScanWorkers } from './privacy.service';

describe('PiiScanWorkers', () => {
  it('answers a scan that outlives its time with 503 SERVICE_UNAVAILABLE', async () => {
    const workers = new PiiScanWorkers(1, { baseMs: 1, msPerMillionChars: 0 });
    try {
      const texts = Array.from({ length: 400 }, () => 'Call me on 617-555-0199. '.repeat(40));
      expect(texts.join('').length).toBeGreaterThan(POOL_MIN_CHARS);
      const failure = await workers.scan(texts).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).getStatus()).toBe(503);
      expect((failure as ApiError).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await workers.onApplicationShutdown();
    }
  });
});
