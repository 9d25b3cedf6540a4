import { describe, expect, it } from 'vitest';
import { planHome } from './home-plan';
import { summary } from './test-fixtures';
import type { CategoryInfo } from './types';

const channel = (path: string): CategoryInfo => ({ path, name: path, description: '', order: 1 });
const newest = (n: number, category: string) =>
  Array.from({ length: n }, (_, i) =>
    summary({ slug: `${category}-${i}`, category, date: `2024-01-${String(28 - i).padStart(2, '0')}T00:00:00.000Z` }),
  );

function plan(perChannel: Record<string, number>, featured: string[] = [], notices: string[] = []) {
  const all = Object.entries(perChannel)
    .flatMap(([category, n]) => newest(n, category))
    .map((a) => (featured.includes(a.slug) ? { ...a, featured: true } : a))
    .map((a) => (notices.includes(a.slug) ? { ...a, notice: true as const } : a))
    .sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  const headlines = all.filter((a) => a.featured);
  return planHome({
    headlines: headlines.length > 0 ? headlines : all.slice(0, 1),
    published: all,
    channels: Object.keys(perChannel).map((path) => ({
      category: channel(path),
      articles: all.filter((a) => a.category === path),
    })),
    topSize: 6,
    latestSize: 8,
    blockSize: 5,
  });
}

const shown = (p: ReturnType<typeof plan>) => [
  ...(p.lead ? [p.lead.slug] : []),
  ...p.top.map((a) => a.slug),
  ...p.blocks.flatMap((b) => b.articles.map((a) => a.slug)),
];

describe('planHome', () => {
  it('lists 最新 newest first without 头条 and 要闻', () => {
    const p = plan({ a: 12, b: 12, c: 12 }, ['b-3', 'c-0']);
    const above = new Set([p.lead?.slug, ...p.top.map((a) => a.slug)]);
    expect(p.latest).toHaveLength(8);
    expect(p.latest.filter((a) => above.has(a.slug))).toEqual([]);
    const dates = p.latest.map((a) => a.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Nothing newer than 最新's last item is missing from the three lists together.
    const last = p.latest.at(-1)?.date ?? '';
    const newer = ['a', 'b', 'c'].flatMap((c) => newest(12, c)).filter((a) => a.date >= last);
    for (const article of newer) {
      if (!above.has(article.slug)) expect(p.latest.map((a) => a.slug)).toContain(article.slug);
    }
  });

  it('fills channel blocks with what 最新 does not show when a channel has enough', () => {
    const p = plan({ a: 12, b: 12, c: 12, d: 12 }, ['b-3', 'c-0']);
    const latest = new Set(p.latest.map((a) => a.slug));
    for (const block of p.blocks) {
      expect(block.articles.filter((a) => latest.has(a.slug)), block.category.path).toEqual([]);
    }
  });

  it('repeats a 最新 item in a block only when the channel has nothing else', () => {
    // Like the sample site: after 头条 and 要闻, each channel's one article is also among 最新.
    const p = plan({ a: 1, b: 2, c: 2 }, ['b-0']);
    expect(p.blocks.map((b) => b.category.path)).toEqual(['a', 'b', 'c']);
    expect(p.latest.map((a) => a.slug)).toContain('a-0');
  });

  it('leaves site notices out of 头条, 要闻, 最新 and the channel blocks', () => {
    const p = plan({ a: 12, b: 12, c: 12 }, ['a-0'], ['a-0', 'b-0', 'c-1']);
    expect(p.lead?.slug).not.toBe('a-0');
    const everything = [
      p.lead?.slug,
      ...p.top.map((a) => a.slug),
      ...p.latest.map((a) => a.slug),
      ...p.blocks.flatMap((b) => b.articles.map((a) => a.slug)),
    ];
    for (const notice of ['a-0', 'b-0', 'c-1']) expect(everything).not.toContain(notice);
  });

  it('never shows an article twice in the main column', () => {
    const p = plan({ a: 12, b: 12, c: 12, d: 12 }, ['b-3', 'c-0']);
    expect(p.lead?.slug).toBe('c-0');
    expect(p.top[0]?.slug).toBe('b-3');
    expect(new Set(shown(p)).size).toBe(shown(p).length);
    expect(p.blocks.map((b) => b.articles.length)).toEqual([5, 5, 5, 5]);
  });

  it('keeps every channel its newest article rather than let 要闻 empty its block', () => {
    // Like the sample site: one channel with a single, recent article.
    const p = plan({ a: 1, b: 6, c: 2 }, ['b-0']);
    expect(p.top.map((a) => a.slug)).not.toContain('a-0');
    expect(p.blocks.map((b) => b.category.path)).toEqual(['a', 'b', 'c']);
  });

  it('gives the blocks side by side the same length, and leaves out a channel with nothing new', () => {
    const p = plan({ a: 1, b: 9, c: 9 }, ['a-0']);
    expect(p.lead?.slug).toBe('a-0');
    expect(p.blocks.map((b) => b.category.path)).toEqual(['b', 'c']);
    const lengths = p.blocks.map((b) => b.articles.length);
    expect(new Set(lengths).size).toBe(1);
  });

  it('has nothing to show on an empty site', () => {
    expect(plan({})).toEqual({ top: [], latest: [], blocks: [] });
  });
});
