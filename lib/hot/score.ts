// Pure: time-decayed hot scores from hourly view counts. A view loses half its weight every
// `halfLifeHours`, so a story read heavily this morning outranks one read heavily yesterday.
import type { HourlyRow } from '@/lib/views/store';

export type Score = { score: number; views: number };

export function hotScores(
  rows: HourlyRow[],
  options: { at: Date; windowHours: number; halfLifeHours: number },
): Map<string, Score> {
  const now = options.at.getTime();
  const from = now - options.windowHours * 3_600_000;
  const scores = new Map<string, Score>();
  for (const row of rows) {
    // A bucket counts from the middle of its hour; the current hour is half done on average.
    const middle = Math.min(row.hour + 1_800_000, now);
    if (row.hour + 3_600_000 <= from || row.hour > now || row.count <= 0) continue;
    const ageHours = (now - middle) / 3_600_000;
    const weight = Math.pow(0.5, ageHours / options.halfLifeHours);
    const current = scores.get(row.slug) ?? { score: 0, views: 0 };
    scores.set(row.slug, {
      score: current.score + row.count * weight,
      views: current.views + row.count,
    });
  }
  return scores;
}

/** Plain window totals (the /hot page's 24-hour and 7-day lists), as scores. */
export function windowTotals(
  rows: HourlyRow[],
  options: { at: Date; windowHours: number },
): Map<string, Score> {
  return hotScores(rows, { ...options, halfLifeHours: Number.POSITIVE_INFINITY });
}
