// npx tsx scripts/bench/bench-sitemap-floor.ts DIR [KEY=VALUE …] — each general sitemap file of
// a checkout's build (KEY=VALUE: the server's environment, SITE_URL the build's), served by
// `next start` and, as the floor, by Debian's nginx from the same bytes on disk, with and without
// gzip (nginx sending a copy gzipped beforehand at level 6 with gzip_static, as the site sends
// its stored files since ADR 031; NGINX_GZIP=fly compresses per response at deploy/nginx.conf's
// level 5 instead). First it prints how long each file's first request took (the site writes
// the file then); then the two servers alternate, file by file, for ROUNDS rounds
// (BENCH_ROUNDS, default 3); prints, per server and encoding, the median over the rounds of the
// slowest file and of the median file, and each one's ratio to nginx's. docs/benchmarks.md,
// issue 22.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { nginxMain } from '../start/nginx-site';
import { startNext, stopGroup } from './bench-server';

const [dir = '.', ...pairs] = process.argv.slice(2);
const env = Object.fromEntries(pairs.map((pair) => pair.split('=', 2)));
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const NEXT_PORT = Number(process.env.BENCH_PORT || 4540);
const NGINX_PORT = NEXT_PORT + 1;

async function waitFor(url: string) {
  for (let tries = 0; tries < 600; tries += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** Milliseconds to the last byte, and the bytes. */
async function timed(url: string, gzip: boolean): Promise<{ ms: number; body: Buffer }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' } });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - started, body };
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const work = mkdtempSync(path.join(tmpdir(), 'bench-sitemap-floor-'));
const root = path.join(work, 'root');
mkdirSync(path.join(root, 'sitemaps'), { recursive: true });
mkdirSync(path.join(work, 'temp'), { recursive: true });
const next = startNext(path.resolve(dir), NEXT_PORT, {
  VIEWS_DB: path.join(work, 'views.db'),
  ...env,
});
let nginx: ReturnType<typeof spawn> | undefined;
try {
  const nextBase = `http://127.0.0.1:${NEXT_PORT}`;
  await waitFor(`${nextBase}/api/health`);
  const index = (await timed(`${nextBase}/sitemap.xml`, false)).body.toString();
  const files = [...index.matchAll(/<loc>[^<]*(\/sitemaps\/\d+\.xml)<\/loc>/g)].map(
    (m) => m[1] ?? '',
  );
  // The floor serves what the first request of each file returned.
  const first: number[] = [];
  for (const file of files) {
    const { ms, body } = await timed(`${nextBase}${file}`, false);
    first.push(ms);
    writeFileSync(path.join(root, file), body);
    writeFileSync(path.join(root, `${file}.gz`), gzipSync(body, { level: 6 }));
  }
  console.log(
    `first request of each file (identity): slowest ${Math.max(...first).toFixed(0)} ms, ` +
      `median ${median(first).toFixed(0)} ms`,
  );
  const fly = process.env.NGINX_GZIP === 'fly';
  const site = path.join(work, 'site.conf');
  writeFileSync(
    site,
    `server {\n  listen 127.0.0.1:${NGINX_PORT};\n  root ${root};\n` +
      (fly ? '  gzip_comp_level 5;\n  gzip_types application/xml;\n' : '  gzip_static on;\n') +
      `  types { application/xml xml; }\n}\n`,
  );
  const main = path.join(work, 'nginx.conf');
  writeFileSync(main, nginxMain({ prefix: work, site, root: process.getuid?.() === 0 }));
  nginx = spawn(
    process.env.NGINX || '/usr/sbin/nginx',
    ['-c', main, '-p', work, '-g', 'daemon off;'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const nginxBase = `http://127.0.0.1:${NGINX_PORT}`;
  await waitFor(`${nginxBase}${files[0] ?? '/'}`);

  const servers = { next: nextBase, nginx: nginxBase };
  const samples = new Map<string, { slowest: number[]; middle: number[] }>();
  const load = [loadavg()[0] ?? 0];
  for (let round = 0; round < ROUNDS; round += 1) {
    const times = new Map<string, number[]>();
    for (const file of files) {
      const order = round % 2 === 0 ? (['next', 'nginx'] as const) : (['nginx', 'next'] as const);
      for (const gzip of [true, false]) {
        for (const server of order) {
          const key = `${server} ${gzip ? 'gzip' : 'identity'}`;
          times.set(key, [
            ...(times.get(key) ?? []),
            (await timed(`${servers[server]}${file}`, gzip)).ms,
          ]);
        }
      }
    }
    for (const [key, ms] of times) {
      const entry = samples.get(key) ?? { slowest: [], middle: [] };
      entry.slowest.push(Math.max(...ms));
      entry.middle.push(median(ms));
      samples.set(key, entry);
    }
    load.push(loadavg()[0] ?? 0);
  }
  console.log(
    `${files.length} sitemap files; medians of ${ROUNDS} rounds; load ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}\n`,
  );
  console.log('| server, encoding | slowest file | median file | × the floor (slowest, median) |');
  console.log('| --- | --- | --- | --- |');
  for (const [key, { slowest, middle }] of samples) {
    const floor = samples.get(key.replace('next', 'nginx'));
    const ratio = (ours: number[], theirs: number[] = []) =>
      (median(ours) / median(theirs)).toFixed(1);
    console.log(
      `| ${key} | ${median(slowest).toFixed(0)} ms | ${median(middle).toFixed(0)} ms | ` +
        `${ratio(slowest, floor?.slowest)}, ${ratio(middle, floor?.middle)} |`,
    );
  }
} finally {
  if (nginx) stopGroup(nginx);
  stopGroup(next);
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(work, { recursive: true, force: true });
}
