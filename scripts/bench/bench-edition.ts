// npx tsx scripts/bench/bench-edition.ts — what the 繁體 edition costs (docs/benchmarks.md,
// issue 23, docs/adr/021). Needs a production build (npm run build) with SITE_URL set to
// http://127.0.0.1:$BENCH_PORT. Prints a Markdown section:
// - OpenCC's cn → twp converter in a fresh Node process: build time, first conversion, memory;
//   and the warm conversion of one article page's HTML (what a 繁體 render adds);
// - the server's resident memory after serving 简体 pages only, then after 繁體 pages too;
// - req/s of the cached seed article in 简体 and in 繁體, alternating rounds (the machine is
//   shared: medians, with the load average).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { serverPid, startNext, stopGroup, waitFor } from './bench-server';

const PORT = Number(process.env.BENCH_PORT || 4100);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const SEED = '/articles/chengdu-wuhou-minzu-tuanjie';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

// One fresh process per sample: the converter's cost as the first 繁體 render pays it.
const CONVERTER_PROBE = `
const html = await (await fetch(process.argv[1])).text();
const body = html.slice(html.indexOf('<body'), html.lastIndexOf('</body>'));
const before = process.memoryUsage().rss;
let t = performance.now();
const { warmHant, hantHtml } = await import(process.argv[2]);
warmHant();
const build = performance.now() - t;
t = performance.now();
hantHtml(body);
const first = performance.now() - t;
t = performance.now();
for (let i = 0; i < 20; i += 1) hantHtml(body);
const warm = (performance.now() - t) / 20;
global.gc?.();
const rss = (process.memoryUsage().rss - before) / 1048576;
console.log(JSON.stringify({ build, first, warm, rss, bytes: body.length }));
`;

async function main() {
  const lines: string[] = [];
  const server = startNext(process.cwd(), PORT, { VIEWS_DB: `/tmp/bench-edition-${PORT}.db` });
  try {
    await waitFor(`${BASE}/api/health`);
    const pid = serverPid(server.pid as number);

    // 1. The converter alone, in fresh processes (tsx resolves the @/ imports of lib/).
    const samples: Record<string, number>[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      const out = execFileSync(
        'npx',
        [
          'tsx',
          '--expose-gc',
          '--input-type=module',
          '-e',
          CONVERTER_PROBE,
          `${BASE}${SEED}`,
          `${process.cwd()}/lib/edition/hant.ts`,
        ],
        { encoding: 'utf8' },
      );
      samples.push(JSON.parse(out.trim().split('\n').at(-1) as string));
    }
    const pick = (key: string) => median(samples.map((sample) => sample[key] ?? 0));

    // 2. Server memory: 简体 pages only, then the same pages in 繁體 as well.
    const pages = ['/', SEED, '/category/shehui', '/hot', '/tags', '/pages/about'];
    for (let i = 0; i < 3; i += 1)
      for (const page of pages) await (await fetch(BASE + page)).text();
    const rssHans = rssMb(pid);
    for (let i = 0; i < 3; i += 1) {
      for (const page of pages)
        await (await fetch(`${BASE}/zh-hant${page === '/' ? '' : page}`)).text();
    }
    const rssBoth = rssMb(pid);

    // 3. req/s of the cached article, 简体 and 繁體 alternating.
    const rates: Record<'hans' | 'hant', number[]> = { hans: [], hant: [] };
    const loadBefore = load();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [edition, url] of [
        ['hans', SEED],
        ['hant', `/zh-hant${SEED}`],
      ] as const) {
        const result = await autocannon({
          url: BASE + url,
          connections: 10,
          duration: SECONDS,
          headers: { 'accept-encoding': 'gzip' },
        });
        rates[edition].push(result.requests.average);
      }
    }
    const loadAfter = load();

    lines.push(
      '## Issue 23: the 繁體 edition',
      '',
      `\`npx tsx scripts/bench/bench-edition.ts\` on ${new Date().toISOString().slice(0, 10)}, 2 cores shared with other jobs (load ${loadBefore} before the req/s rounds, ${loadAfter} after): medians of ${ROUNDS}.`,
      '',
      '| what | median |',
      '| --- | --- |',
      `| OpenCC cn → twp converter built (import + dictionaries), fresh process | ${pick('build').toFixed(0)} ms |`,
      `| first conversion of the seed article page's HTML (${(pick('bytes') / 1024).toFixed(0)} KB) | ${pick('first').toFixed(0)} ms |`,
      `| the same, warm (what each 繁體 render adds) | ${pick('warm').toFixed(1)} ms |`,
      `| resident memory the converter adds to a process | ${pick('rss').toFixed(0)} MB |`,
      `| server RSS after 简体 pages only (3 × 6 pages) | ${rssHans} MB |`,
      `| server RSS after the same pages in 繁體 too | ${rssBoth} MB (+${rssBoth - rssHans} MB) |`,
      `| cached article, 简体 \`${SEED}\` (${ROUNDS} × ${SECONDS} s, 10 connections) | ${median(rates.hans).toFixed(0)} req/s (${rates.hans.map((r) => r.toFixed(0)).join(', ')}) |`,
      `| cached article, 繁體 \`/zh-hant${SEED}\`, rounds alternating | ${median(rates.hant).toFixed(0)} req/s (${rates.hant.map((r) => r.toFixed(0)).join(', ')}) |`,
      '',
    );
    console.log(lines.join('\n'));
  } finally {
    stopGroup(server);
  }
}

await main();
