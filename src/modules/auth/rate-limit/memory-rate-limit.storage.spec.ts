import { MemoryRateLimitStorage } from './memory-rate-limit.storage';

describe('MemoryRateLimitStorage', () => {
  let now = 0;
  let storage: MemoryRateLimitStorage;
  beforeEach(() => {
    now = 1_000_000;
    storage = new MemoryRateLimitStorage(() => now);
  });
  afterEach(() => storage.close());

  it('counts hits in a window and blocks beyond the limit until the window ends', () => {
    expect(storage.hit('k', 60_000, 2)).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(storage.hit('k', 60_000, 2)).toMatchObject({ totalHits: 2, isBlocked: false });
    now += 15_000;
    expect(storage.hit('k', 60_000, 2)).toEqual({
      totalHits: 3,
      timeToExpire: 45,
      isBlocked: true,
      timeToBlockExpire: 45,
    });
  });

  it('starts a new window when the old one has ended', () => {
    storage.hit('k', 60_000, 1);
    storage.hit('k', 60_000, 1);
    now += 60_000;
    expect(storage.hit('k', 60_000, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps keys apart', () => {
    storage.hit('a', 60_000, 1);
    expect(storage.hit('b', 60_000, 1)).toMatchObject({ totalHits: 1 });
    expect(storage.size).toBe(2);
  });
});
