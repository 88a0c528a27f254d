import { scanText } from './analyzer';
import { scanRecord } from './records';
import {
  DEFAULT_SCAN_TIMEOUTS,
  PiiScanPool,
  POOL_MIN_CHARS,
  ScanTimeoutError,
  scanLines,
} from './scan-pool';

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

  describe('JSON Lines chunks', () => {
    const records = Array.from({ length: 300 }, (_, i) => ({
      id: `conv-${i}`,
      messages: [
        { role: 'user', content: `My name is Megan Payne, call me on 617-555-${1000 + i}.` },
        {
          role: 'assistant',
          content: i % 2 ? 'Thank you for sharing.' : `Write to m${i}@example.org`,
        },
      ],
    }));
    const lines = records.map((record) => JSON.stringify(record));

    it('scans each line in a worker as scanRecord would, in order', async () => {
      const chunk = Buffer.from(lines.join('\n') + '\n');
      const scanned = await pool.scanLines(chunk);
      expect(scanned).toHaveLength(records.length);
      expect(scanned).toEqual(records.map((record) => scanRecord(record)));
      expect(scanned[0]).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'messages.0.content', entityType: 'PHONE_NUMBER' }),
          expect.objectContaining({ field: 'messages.1.content', entityType: 'EMAIL_ADDRESS' }),
        ]),
      );
    });

    it('takes a slice of a larger buffer without detaching the rest of it', async () => {
      const whole = Buffer.from(`${lines[0]}\n${lines[1]}\n`);
      const first = whole.subarray(0, lines[0].length + 1);
      expect(await pool.scanLines(first)).toEqual([scanRecord(records[0])]);
      expect(whole.toString()).toContain(lines[1]);
    });

    it('answers blank, malformed and non-object lines per line, never with their text', () => {
      const chunk = Buffer.from(`${lines[2]}\n\n{"ssn": "123-45-6789"\n[1,2]\n${lines[3]}`);
      const scanned = scanLines(chunk);
      expect(scanned).toEqual([
        scanRecord(records[2]),
        [],
        { error: 'the line is not valid JSON' },
        { error: 'the line is not a JSON object' },
        scanRecord(records[3]),
      ]);
      expect(JSON.stringify(scanned)).not.toContain('123-45-6789');
    });

    it('scans only the named fields when asked', async () => {
      const scanned = await pool.scanLines(Buffer.from(lines[4]), {}, ['messages.1.content']);
      expect(scanned).toEqual([scanRecord(records[4], ['messages.1.content'])]);
      expect(scanned[0]).toEqual([expect.objectContaining({ entityType: 'EMAIL_ADDRESS' })]);
    });
  });

  it('stops a worker that takes too long, fails its batch, and scans the next one afresh', async () => {
    const impatient = new PiiScanPool(1, { baseMs: 1, msPerMillionChars: 0 });
    try {
      const chunk = () => Buffer.from('{"note":"call 617-555-0199"}\n'.repeat(20_000));
      await expect(impatient.scanLines(chunk())).rejects.toBeInstanceOf(ScanTimeoutError);
      impatient.timeouts = DEFAULT_SCAN_TIMEOUTS;
      const scanned = await impatient.scanLines(chunk());
      expect(scanned).toHaveLength(20_000);
      expect(scanned[0]).toEqual([expect.objectContaining({ entityType: 'PHONE_NUMBER' })]);
    } finally {
      await impatient.close();
    }
  });

  it('copies a chunk it cannot move, answers an empty one, and leaves no timer behind a failed send', async () => {
    const line = Buffer.from('{"note":"call 617-555-0199"}\n');
    const shared = new Uint8Array(new SharedArrayBuffer(line.byteLength));
    shared.set(line);
    expect(await pool.scanLines(shared)).toEqual(scanLines(line));
    expect(shared[0]).toBe(line[0]);
    const moved = new Uint8Array(line);
    await pool.scanLines(moved);
    expect(moved.byteLength).toBe(0);
    expect(await pool.scanLines(moved)).toEqual([]);
  });

  it('leaves no timer behind a batch it could not send', async () => {
    const single = new PiiScanPool(1);
    try {
      const line = Buffer.from('{"note":"call 617-555-0199"}\n');
      await single.scanLines(new Uint8Array(line));
      single.timeouts = { baseMs: 20, msPerMillionChars: 0 };
      // A function cannot be cloned: the send fails at once.
      await expect(single.scanLines(line, { entities: [() => 0] as never })).rejects.toThrow();
      single.timeouts = DEFAULT_SCAN_TIMEOUTS;
      // A batch still running when the failed one's time would have run out is not stopped.
      const scanned = await single.scanLines(Buffer.from(line.toString().repeat(40_000)));
      expect(scanned).toHaveLength(40_000);
    } finally {
      await single.close();
    }
  });
});
