import { describe, expect, it } from 'vitest';
import { hotScores, windowTotals } from './score';

const H = 3_600_000;
const at = new Date('2024-01-24T12:30:00Z');
const hour = (hoursAgo: number) => Math.floor(at.getTime() / H) * H - hoursAgo * H;

describe('hotScores', () => {
  it('halves the weight of a view every half-life', () => {
    const scores = hotScores(
      [
        { slug: 'now', hour: hour(0), count: 10 },
        { slug: 'old', hour: hour(12), count: 10 },
      ],
      { at, windowHours: 24, halfLifeHours: 12 },
    );
    const ratio = (scores.get('old')?.score ?? 0) / (scores.get('now')?.score ?? 1);
    expect(ratio).toBeCloseTo(0.5, 1);
    expect(scores.get('old')?.views).toBe(10);
  });

  it('lets fresh views beat more but older ones', () => {
    const scores = hotScores(
      [
        { slug: 'fresh', hour: hour(1), count: 30 },
        { slug: 'stale', hour: hour(20), count: 60 },
      ],
      { at, windowHours: 24, halfLifeHours: 12 },
    );
    expect(scores.get('fresh')!.score).toBeGreaterThan(scores.get('stale')!.score);
  });

  it('ignores buckets outside the window and in the future', () => {
    const scores = hotScores(
      [
        { slug: 'a', hour: hour(30), count: 5 },
        { slug: 'b', hour: hour(-2), count: 5 },
      ],
      { at, windowHours: 24, halfLifeHours: 12 },
    );
    expect(scores.size).toBe(0);
  });

  it('sums plain window totals without decay', () => {
    const totals = windowTotals(
      [
        { slug: 'a', hour: hour(0), count: 2 },
        { slug: 'a', hour: hour(100), count: 3 },
        { slug: 'a', hour: hour(200), count: 4 },
      ],
      { at, windowHours: 168 },
    );
    expect(totals.get('a')).toEqual({ score: 5, views: 5 });
  });
});
