import { Readable } from 'node:stream';
import { lineChunks } from './line-chunks';

async function chunksOf(pieces: string[], size: number): Promise<string[]> {
  const out: string[] = [];
  const source = Readable.from(pieces.map((piece) => Buffer.from(piece)));
  for await (const chunk of lineChunks(source, size)) {
    expect(chunk.byteOffset).toBe(0);
    expect(chunk.byteLength).toBe(chunk.buffer.byteLength);
    out.push(Buffer.from(chunk).toString());
  }
  return out;
}

describe('lineChunks', () => {
  it('cuts only at line feeds and keeps every byte, in order', async () => {
    const pieces = ['{"a":1}\n{"b"', ':2}\n{"c":3}\n{"d"', ':4}'];
    const chunks = await chunksOf(pieces, 8);
    expect(chunks.join('')).toBe(pieces.join(''));
    for (const chunk of chunks.slice(0, -1)) expect(chunk.endsWith('\n')).toBe(true);
    expect(chunks.at(-1)).toBe('{"d":4}');
  });

  it('gathers small pieces up to the size and lets a long line through whole', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}\n`);
    const chunks = await chunksOf(lines, 40);
    expect(chunks.join('')).toBe(lines.join(''));
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.length).toBeLessThan(50);
    const long = 'x'.repeat(100) + '\n';
    expect(await chunksOf([long.slice(0, 30), long.slice(30), 'y\n'], 10)).toEqual([long, 'y\n']);
  });

  it('cuts one large piece near the size, at line feeds', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `{"line":${i}}\n`);
    const chunks = await chunksOf([lines.join('')], 1000);
    expect(chunks.join('')).toBe(lines.join(''));
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.endsWith('\n')).toBe(true);
      expect(chunk.length).toBeGreaterThanOrEqual(1000);
      expect(chunk.length).toBeLessThan(1000 + 20);
    }
  });

  it('keeps what it holds when the source reuses its buffer', async () => {
    const buffer = Buffer.alloc(8);
    async function* reused() {
      for (const text of ['{"a":1', '}\n{"b":2', '}\n']) {
        buffer.fill(0);
        buffer.write(text);
        yield buffer.subarray(0, text.length);
      }
    }
    const out: string[] = [];
    for await (const chunk of lineChunks(reused(), 1)) out.push(Buffer.from(chunk).toString());
    expect(out.join('')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('gives nothing for an empty stream', async () => {
    expect(await chunksOf([], 10)).toEqual([]);
  });
});
