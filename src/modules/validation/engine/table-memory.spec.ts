import { IdIndex } from './id-index';
import { NumberTable } from './number-table';
import {
  SHARED_BUDGET,
  SHARED_FROM,
  sharedMemoryInUse,
  tableInt32,
  tableUint16,
  tableUint32,
} from './table-memory';

describe('table memory', () => {
  it('is counted memory until the structure holds SHARED_FROM bytes, then shared', () => {
    expect(tableUint32(1024, 0).buffer).toBeInstanceOf(ArrayBuffer);
    expect(tableUint32(1024, SHARED_FROM - 4096 - 1).buffer).toBeInstanceOf(ArrayBuffer);
    expect(tableUint32(1024, SHARED_FROM - 4096).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(tableInt32(SHARED_FROM / 4, 0).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(tableUint16(8, SHARED_FROM).buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('is zeroed and of the length asked for, shared or not', () => {
    for (const held of [0, SHARED_FROM]) {
      const uints = tableUint32(300, held);
      const ints = tableInt32(300, held);
      const units = tableUint16(300, held);
      expect([uints.length, ints.length, units.length]).toEqual([300, 300, 300]);
      expect([...uints, ...ints, ...units].every((value) => value === 0)).toBe(true);
      ints[299] = -1;
      units[0] = 0xffff;
      expect([ints[299], units[0]]).toEqual([-1, 0xffff]);
    }
  });

  it('keeps a table right as it grows from counted into shared memory', () => {
    // 100,000 keys: the slots reach 2 MB and the entries 1.2 MB, the last slots and entry
    // chunks in shared memory.
    const table = new NumberTable();
    const before = sharedMemoryInUse();
    for (let i = 0; i < 100_000; i++) expect(table.getOrSetPair(i * 7919, ~i, i)).toBe(-1);
    expect(sharedMemoryInUse()).toBeGreaterThan(before + (2 << 20));
    for (let i = 0; i < 100_000; i += 997) expect(table.getPair(i * 7919, ~i)).toBe(i);
    expect(table.getPair(7919, 0)).toBe(-1);
  });

  it('keeps ids right once their entries and texts are in shared memory', () => {
    // 60,000 ids of 20 code units: 18 text chunks of 128 KiB and 15 entry chunks of 80 KiB.
    const index = new IdIndex();
    const id = (i: number) => `dataset-${String(i).padStart(12, '0')}`;
    for (let i = 0; i < 60_000; i++) expect(index.firstOf(id(i), i)).toBe(-1);
    for (let i = 0; i < 60_000; i += 599) expect(index.firstOf(id(i), 60_000 + i)).toBe(i);
  });

  // Last: the shared memory it holds counts against the budget to the end of the file.
  it('gives counted memory once SHARED_BUDGET of shared memory is not yet collected', () => {
    const kept: Uint32Array[] = [];
    const before = sharedMemoryInUse();
    // 64 MiB a table, zeroed lazily by the system: no page of it is touched here.
    let table = tableUint32(16 << 20, SHARED_FROM);
    while (table.buffer instanceof SharedArrayBuffer) {
      kept.push(table);
      table = tableUint32(16 << 20, SHARED_FROM);
    }
    expect(table.buffer).toBeInstanceOf(ArrayBuffer);
    expect(kept.length).toBe(Math.floor((SHARED_BUDGET - before) / (64 << 20)));
    expect(sharedMemoryInUse()).toBe(before + kept.length * (64 << 20));
    expect(sharedMemoryInUse()).toBeLessThanOrEqual(SHARED_BUDGET);
  });
});
