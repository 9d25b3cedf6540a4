import { describe, expect, it } from 'vitest';
import { bit, bitmap, clearBit, nextBit, popCount, setBit } from './bitmap';

describe('bitmaps of ids', () => {
  it('hold, count and walk ids across word boundaries, bit 31 included', () => {
    const ids = [0, 1, 31, 32, 63, 64, 95, 1000];
    const bits = bitmap(1001);
    for (const id of ids) setBit(bits, id);
    expect(popCount(bits)).toBe(ids.length);
    const walked: number[] = [];
    for (let id = nextBit(bits, 0); id !== -1; id = nextBit(bits, id + 1)) walked.push(id);
    expect(walked).toEqual(ids);
    expect(nextBit(bits, 65)).toBe(95);
    expect(nextBit(bits, 1001)).toBe(-1);
    clearBit(bits, 31);
    expect(bit(bits, 31)).toBe(0);
    expect(bit(bits, 32)).toBe(1);
    expect(popCount(bits)).toBe(ids.length - 1);
  });
});
