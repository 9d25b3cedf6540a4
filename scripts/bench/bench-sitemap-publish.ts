// npx tsx scripts/bench/bench-sitemap-publish.ts TREE ARCHIVE [KEY=VALUE …] — what a one-article
// publish costs the sitemap files of a synthetic archive (ARCHIVE: scripts/bench/synthetic-archive.ts's
// --out; KEY=VALUE: the server's environment, SITE_URL the build's). Starts `next start` of TREE
// on ARCHIVE/index, asks for the sitemap index and every file (the first request writes each
// one, ADR 031), then makes a one-article correction live with bench-version-write.ts (run in
// BENCH_WRITER, the checkout that wrote the archive; default here) and waits
// for the server's switch and for the files it writes then. Prints which stored files are new,
// and how long the index and each file take after the publish, gzip and identity.
// docs/benchmarks.md, issue 22.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { startNext, stopGroup, waitFor } from './bench-server';

const [tree = '.', archive = '', ...pairs] = process.argv.slice(2);
const env = Object.fromEntries(pairs.map((pair) => pair.split('=', 2)));
const PORT = Number(process.env.BENCH_PORT || 4540);
const base = `http://127.0.0.1:${PORT}`;
const stored = path.join(archive, 'index', 'sitemaps');

async function timed(url: string, gzip: boolean) {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' } });
  const body = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return {
    ms: performance.now() - started,
    body,
    version: response.headers.get('x-content-version'),
  };
}
const names = () => new Set(readdirSync(stored).filter((name) => name.endsWith('.xml')));
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${(sorted[sorted.length >> 1] ?? 0).toFixed(0)} ms, slowest ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
};

const server = startNext(path.resolve(tree), PORT, {
  CONTENT_INDEX_DIR: path.join(path.resolve(archive), 'index'),
  VIEWS_DB: `/tmp/bench-sitemap-publish-${PORT}.db`,
  ...env,
});
try {
  await waitFor(`${base}/api/health`);
  // A connection kept alive through the version write may have been closed by the server.
  const health = async (): Promise<string | null> => {
    try {
      return (await fetch(`${base}/api/health`)).headers.get('x-content-version');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return health();
    }
  };
  const live = await health();
  const index = await timed(`${base}/sitemap.xml`, false);
  const files = [...index.body.matchAll(/<loc>[^<]*(\/sitemaps\/\d+\.xml)<\/loc>/g)].map(
    (m) => m[1] ?? '',
  );
  const first: number[] = [];
  for (const file of files) first.push((await timed(`${base}${file}`, false)).ms);
  console.log(
    `before: index ${index.ms.toFixed(0)} ms; ${files.length} files (a file not stored yet is written by its request) ${summary(first)}`,
  );
  const before = names();

  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  // From the checkout whose code wrote the archive (BENCH_WRITER): the rows' fingerprints hold
  // the content build's code, and other code would write every row again.
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/bench-version-write.ts', path.resolve(archive), '1'],
    { stdio: 'inherit', cwd: path.resolve(process.env.BENCH_WRITER || '.') },
  );
  while ((await health()) === live) await new Promise((resolve) => setTimeout(resolve, 200));
  const switched = performance.now();
  // The switch writes the changed files: wait until the folder has been still for 3 s.
  let seen = names().size;
  let still = performance.now();
  while (performance.now() - still < 3000) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (names().size !== seen) {
      seen = names().size;
      still = performance.now();
    }
  }
  const written = [...names()].filter((name) => !before.has(name));
  console.log(
    `publish: version written and live ${((switched - started) / 1000).toFixed(1)} s after it began ` +
      `(load ${load.toFixed(1)}); files written by the switch: ${written.length} of ${files.length} ` +
      `(${written.join(', ')}), the last ${((still - switched) / 1000).toFixed(1)} s after the switch`,
  );
  const after = await timed(`${base}/sitemap.xml`, false);
  console.log(`after: index ${after.ms.toFixed(0)} ms`);
  for (const gzip of [true, false]) {
    const ms: number[] = [];
    for (const file of files) ms.push((await timed(`${base}${file}`, gzip)).ms);
    console.log(`after: every file, ${gzip ? 'gzip' : 'identity'}: ${summary(ms)}`);
  }
  const unchanged = names().size === seen;
  console.log(`no file written by those requests: ${unchanged}`);
} finally {
  stopGroup(server);
}
