import { NumberTable } from './number-table';

describe('NumberTable', () => {
  it('answers -1 for keys it has not stored', () => {
    const table = new NumberTable();
    expect(table.get(0)).toBe(-1);
    expect(table.get(2 ** 53 - 1)).toBe(-1);
  });

  it('keeps keys that differ only above 32 bits apart, across growth', () => {
    const table = new NumberTable(4);
    const keys: number[] = [];
    for (let i = 0; i < 5000; i++) keys.push(i, i + 2 ** 32, i + 2 ** 40, 2 ** 53 - 1 - i);
    keys.forEach((key, value) => table.set(key, value));
    expect(table.size).toBe(keys.length);
    keys.forEach((key, value) => expect(table.get(key)).toBe(value));
    expect(table.get(5000)).toBe(-1);
    expect(table.get(5000 + 2 ** 32)).toBe(-1);
  });

  it('tells apart keys whose low halves agree, and replaces their values, across growth', () => {
    const table = new NumberTable(4);
    for (let high = 0; high < 3000; high++) expect(table.getOrSetPair(high, 77, high)).toBe(-1);
    for (let high = 0; high < 3000; high += 2) table.setPair(high, 77, high + 1);
    expect(table.size).toBe(3000);
    for (let high = 0; high < 3000; high++)
      expect(table.getPair(high, 77)).toBe(high % 2 === 0 ? high + 1 : high);
    expect(table.getPair(3000, 77)).toBe(-1);
    expect(table.getPair(0, 78)).toBe(-1);
  });

  it('keeps the values at both ends of its range', () => {
    const table = new NumberTable(4);
    table.setPair(0, 0, 0);
    table.setPair(0, 1, 2 ** 31 - 1);
    expect(table.getPair(0, 0)).toBe(0);
    expect(table.getPair(0, 1)).toBe(2 ** 31 - 1);
  });

  it('stores a key it lacks and answers the value of one it holds, in one call', () => {
    const table = new NumberTable(4);
    for (let i = 0; i < 3000; i++) expect(table.getOrSetPair(i, i * 7, i)).toBe(-1);
    for (let i = 0; i < 3000; i++) expect(table.getOrSetPair(i, i * 7, 99)).toBe(i);
    expect(table.size).toBe(3000);
    expect(table.getPair(2999, 2999 * 7)).toBe(2999);
  });

  it('replaces the value of a key it already holds', () => {
    const table = new NumberTable();
    table.set(2 ** 45 + 7, 1);
    table.set(2 ** 45 + 7, 9);
    expect(table.size).toBe(1);
    expect(table.get(2 ** 45 + 7)).toBe(9);
  });

  it('takes 64-bit keys as two halves, signed or not', () => {
    const table = new NumberTable(4);
    table.setPair(0xffffffff, 1, 3);
    table.setPair(1, 0xffffffff, 4);
    expect(table.getPair(-1, 1)).toBe(3);
    expect(table.getPair(0xffffffff, 1)).toBe(3);
    expect(table.getPair(1, -1)).toBe(4);
    expect(table.getPair(1, 1)).toBe(-1);
  });
});
