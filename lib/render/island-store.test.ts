import { afterEach, describe, expect, it, vi } from 'vitest';
import { islandHtml, keepIsland, pendingIslands } from './island-store';

describe('the island store', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands each island to its HTML render once and then holds nothing', () => {
    const before = pendingIslands().count;
    const id = keepIsland('<p>热门</p>');
    expect(pendingIslands().count).toBe(before + 1);
    expect(islandHtml(id)).toBe('<p>热门</p>');
    expect(pendingIslands().count).toBe(before);
    expect(islandHtml(id)).toBe('');
  });

  it('lets islands nobody read go after ten seconds, and never holds more than its bound', () => {
    vi.useFakeTimers();
    const unread = keepIsland('<p>payload only</p>');
    vi.advanceTimersByTime(11_000);
    keepIsland('<p>next request</p>');
    expect(islandHtml(unread)).toBe('');
    // 4,000 islands of 16 KB each (64 MB as V8 holds them) never read: the store stays at 32 MB.
    const big = '中'.repeat(8 * 1024);
    for (let n = 0; n < 4000; n += 1) keepIsland(big);
    expect(pendingIslands().bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
  });
});
