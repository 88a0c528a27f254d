import { doubled } from './typed-arrays';

describe('doubled', () => {
  it('keeps the kind and the contents, and zeroes the new half', () => {
    const grown = doubled(Int32Array.of(-1, 7));
    expect(grown).toBeInstanceOf(Int32Array);
    expect([...grown]).toEqual([-1, 7, 0, 0]);
    expect([...doubled(Uint8Array.of(255))]).toEqual([255, 0]);
  });
});
