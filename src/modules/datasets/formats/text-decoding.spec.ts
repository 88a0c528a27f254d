import { detectEncoding, EncodingError, streamDecoder } from './text-decoding';

const text = 'Séance 😀 — 東京, ok\n';

function decodeInPieces(bytes: Buffer, pieceSize: number): string {
  const decoder = streamDecoder('utf-8');
  let out = '';
  for (let i = 0; i < bytes.length; i += pieceSize)
    out += decoder.decode(bytes.subarray(i, i + pieceSize));
  return out + decoder.decode();
}

describe('UTF-8 stream decoder', () => {
  it.each([1, 2, 3, 5, 7])('keeps characters split across chunks of %i bytes whole', (size) => {
    expect(decodeInPieces(Buffer.from(text.repeat(3)), size)).toBe(text.repeat(3));
  });

  it('drops a leading byte-order mark only', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\uFEFFb')]);
    expect(decodeInPieces(bytes, 2)).toBe('a\uFEFFb');
  });

  it('throws on invalid bytes', () => {
    const decoder = streamDecoder('utf-8');
    expect(() => decoder.decode(Buffer.from([0x61, 0xff, 0x62]))).toThrow(EncodingError);
  });

  it('throws when the input ends inside a character', () => {
    const decoder = streamDecoder('utf-8');
    expect(decoder.decode(Buffer.from([0x61, 0xe6, 0x9d]))).toBe('a');
    expect(() => decoder.decode()).toThrow(EncodingError);
  });

  it('decodes Windows-1252 through the fatal decoder', () => {
    const decoder = streamDecoder('windows-1252');
    expect(decoder.decode(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x80])) + decoder.decode()).toBe(
      'café€',
    );
  });

  it('tells a whole Windows-1252 file from a UTF-8 sample cut mid-character', () => {
    const cut = Buffer.from('café', 'utf8').subarray(0, 4);
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(Buffer.from('café', 'latin1'), true)).toBe('windows-1252');
  });
});
