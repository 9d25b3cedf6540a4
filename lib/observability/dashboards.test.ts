// The Grafana dashboard and the alerting rules in deploy/ ask only for metrics the server
// exposes: a renamed metric fails here, not on an operator's empty graph.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { metrics } from './metrics.mjs';

const root = path.resolve(__dirname, '..', '..');

async function exposedNames(): Promise<Set<string>> {
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  const names = new Set<string>(['up']);
  for (const registry of [metrics().registry, defaults]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      // A string at run time, whatever the declared enum says.
      if (String(metric.type) === 'histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    }
  }
  return names;
}

/** The metric names a PromQL expression reads. */
function namesIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:news|nodejs|process)_[a-z0-9_]+|up)\b/g)].map(
    (match) => match[1] as string,
  );
}

describe('deploy/ dashboards and alerts', () => {
  it('the Grafana dashboard graphs only exposed metrics, with a panel for each of ours', async () => {
    const dashboard = JSON.parse(
      readFileSync(path.join(root, 'deploy/grafana/news-dashboard.json'), 'utf8'),
    ) as { panels: { type: string; targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((t) => t.expr);
    const used = new Set(exprs.flatMap(namesIn));
    const exposed = await exposedNames();
    for (const name of used) expect(exposed, name).toContain(name);
    const ours = [...exposed].filter(
      (name) => name.startsWith('news_') && !/_(sum|count)$/.test(name),
    );
    const histograms = ours.filter((name) => name.endsWith('_bucket'));
    for (const name of ours.filter((name) => !histograms.includes(`${name}_bucket`)))
      expect(used, `a panel for ${name}`).toContain(name);
    for (const name of ['nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes'])
      expect(used).toContain(name);
  });

  it('the alerting rules read only exposed metrics, and each says what it is about', async () => {
    const rules = parse(
      readFileSync(path.join(root, 'deploy/prometheus/news-alerts.yml'), 'utf8'),
    ) as {
      groups: { rules: { alert: string; expr: string; annotations: { summary: string } }[] }[];
    };
    const all = rules.groups.flatMap((group) => group.rules);
    expect(all.length).toBeGreaterThan(5);
    const exposed = await exposedNames();
    for (const rule of all) {
      expect(namesIn(rule.expr).length, rule.alert).toBeGreaterThan(0);
      for (const name of namesIn(rule.expr))
        expect(exposed, `${rule.alert}: ${name}`).toContain(name);
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
    }
  });
});
