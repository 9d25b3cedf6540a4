// Pure: sets of document ids as bitmaps, bit id % 32 of word id >> 5. Search keeps its sets this
// way (visible, left out, found, every word, title hits): an eighth of a byte a document, where a
// flag or a counter per document of the archive was a byte or more (docs/adr/035).

/** An empty set for the ids below `size`. */
export function bitmap(size: number): Uint32Array {
  return new Uint32Array((size >>> 5) + 1);
}

export function setBit(bits: Uint32Array, id: number): void {
  bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31));
}

export function clearBit(bits: Uint32Array, id: number): void {
  bits[id >>> 5] = (bits[id >>> 5] as number) & ~(1 << (id & 31));
}

/** 1 when the set holds `id`, else 0. */
export function bit(bits: Uint32Array, id: number): number {
  return ((bits[id >>> 5] as number) >>> (id & 31)) & 1;
}

/** How many ids the set holds. */
export function popCount(bits: Uint32Array): number {
  let count = 0;
  for (let i = 0; i < bits.length; i += 1) {
    let word = bits[i] as number;
    if (word === 0) continue;
    word -= (word >>> 1) & 0x55555555;
    word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
    count += Math.imul((word + (word >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}

/** The first id at or after `from` in the set, or −1. */
export function nextBit(bits: Uint32Array, from: number): number {
  let index = from >>> 5;
  if (index >= bits.length) return -1;
  let word = ((bits[index] as number) >>> (from & 31)) << (from & 31);
  while (word === 0) {
    index += 1;
    if (index >= bits.length) return -1;
    word = bits[index] as number;
  }
  return (index << 5) + (31 - Math.clz32(word & -word));
}
