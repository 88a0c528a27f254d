import { randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

describe('KeyRing', () => {
  it('wraps a new data key under the first key and unwraps it again', () => {
    const ring = new KeyRing([k1]);
    const { dataKey, wrapped } = ring.newDataKey();
    expect(wrapped.keyId).toBe('k1');
    expect(Buffer.from(wrapped.wrapped, 'base64').includes(dataKey)).toBe(false);
    expect(ring.unwrap(wrapped)).toEqual(dataKey);
  });

  it('rotates: a new first key wraps, older keys still unwrap, rewrap moves keys forward', () => {
    const old = new KeyRing([k1]).newDataKey();
    const rotated = new KeyRing([k2, k1]);
    expect(rotated.unwrap(old.wrapped)).toEqual(old.dataKey);
    const moved = rotated.rewrap(old.wrapped);
    expect(moved.keyId).toBe('k2');
    expect(new KeyRing([k2]).unwrap(moved)).toEqual(old.dataKey);
    expect(rotated.rewrap(moved)).toBe(moved);
  });

  it('refuses a data key wrapped under a key it does not hold, or altered', () => {
    const { wrapped } = new KeyRing([k1]).newDataKey();
    expect(() => new KeyRing([k2]).unwrap(wrapped)).toThrow('key k1 is not in the key ring');
    const altered = Buffer.from(wrapped.wrapped, 'base64');
    altered[14] ^= 1;
    expect(() =>
      new KeyRing([k1]).unwrap({ keyId: 'k1', wrapped: altered.toString('base64') }),
    ).toThrow();
  });

  it('binds the key id into the wrapping, so a wrapped key cannot be relabelled', () => {
    const { wrapped } = new KeyRing([k1]).newDataKey();
    expect(() =>
      new KeyRing([{ id: 'k2', key: k1.key }]).unwrap({ ...wrapped, keyId: 'k2' }),
    ).toThrow();
  });
});
