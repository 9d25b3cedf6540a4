// Reads a Prometheus text exposition (an instance's /metrics) into samples by series name:
// `news_views_total{result="counted"}` → 3.

export type Samples = Map<string, number>;

export async function scrape(url: string): Promise<Samples> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  const samples: Samples = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** A series' value, 0 when it is absent (a counter not yet incremented). */
export function sample(samples: Samples, series: string): number {
  return samples.get(series) ?? 0;
}

/** How much each of `series` grew from `before` to `after`. */
export function growth(before: Samples, after: Samples, series: string[]): Record<string, number> {
  return Object.fromEntries(
    series.map((name) => [name, sample(after, name) - sample(before, name)]),
  );
}
