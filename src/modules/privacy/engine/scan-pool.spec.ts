import { scanText } from './analyzer';
import { PiiScanPool, POOL_MIN_CHARS } from './scan-pool';

describe('PiiScanPool', () => {
  const pool = new PiiScanPool(2);
  afterAll(() => pool.close());

  it('gives the same findings, in input order, as scanning each text on this thread', async () => {
    const texts = Array.from(
      { length: 4000 },
      (_, i) =>
        `Session ${i}: I have been anxious since the move. ` +
        (i % 3 === 0
          ? `Email me at client${i}@example.org or call 617-555-${String(i % 10000).padStart(4, '0')}.`
          : 'No news.'),
    );
    expect(texts.reduce((sum, text) => sum + text.length, 0)).toBeGreaterThan(POOL_MIN_CHARS);
    const pooled = await pool.scan(texts);
    expect(pooled).toHaveLength(texts.length);
    expect(pooled).toEqual(texts.map((text) => scanText(text)));
    expect(pooled[3].map((f) => f.entityType)).toContain('EMAIL_ADDRESS');
  });

  it('scans small batches on the calling thread', async () => {
    expect(await pool.scan(['Call 617-555-0101 please', ''])).toEqual([
      scanText('Call 617-555-0101 please'),
      [],
    ]);
  });
});
