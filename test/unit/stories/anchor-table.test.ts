import { describe, expect, it } from 'vitest';
import { AnchorTable } from '@shared/stories/anchor-table';

describe('AnchorTable', () => {
  it('lists each key’s clippings in the order they were added, through growth', () => {
    const table = new AnchorTable();
    const want = new Map<number, number[]>();
    // Enough keys to grow the table several times; keys collide in the low and high bits.
    for (let n = 0; n < 3000; n++)
      for (const key of [n * 4096, (n * 7) % 500, 134_217_727 - (n % 9)]) {
        table.add(key, n);
        want.set(key, [...(want.get(key) ?? []), n]);
      }
    const out = new Int32Array(10_000);
    for (const [key, list] of want) {
      const length = table.list(key, 10_000, out);
      expect([...out.subarray(0, length)]).toEqual(list);
    }
    expect(table.list(123_456_789, 10, out)).toBe(0);
  });

  it('says -1 for a key with more clippings than asked for', () => {
    const table = new AnchorTable();
    for (let n = 0; n < 5; n++) table.add(42, n);
    const out = new Int32Array(5);
    expect(table.list(42, 4, out)).toBe(-1);
    expect(table.list(42, 5, out)).toBe(5);
    expect([...out]).toEqual([0, 1, 2, 3, 4]);
  });
});
