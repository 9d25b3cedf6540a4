// npx tsx scripts/bench/bench-search-http.ts — /search?q= end to end under `next start`: the server's
// memory before and after the index loads, then median and p95 latency for 20 queries (each
// query 20 times, one request at a time, the whole HTML page read), then autocannon with 10
// connections over the same queries. Needs a production build (for the 10,000-article figure,
// build with CONTENT_DIR pointing at a generated corpus).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { serverPid, waitFor } from './bench-server';
import { BENCH_QUERIES } from './bench-queries';

const PORT = Number(process.env.BENCH_PORT || 3198);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 20);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const searchUrl = (query: string) => `${BASE}/search?q=${encodeURIComponent(query)}`;

async function main() {
  const server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    { stdio: 'ignore', env: { ...process.env, VIEWS_DB: `/tmp/bench-search-views-${PORT}.db` } },
  );
  try {
    await waitFor(`${BASE}/api/health`);
    const pid = serverPid(server.pid ?? 0);
    const booted = rssMb(pid);
    // instrumentation.ts preloads the index at start; give it time before the first query.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await fetch(`${BASE}/`).then((response) => response.text());
    const before = rssMb(pid);
    let started = performance.now();
    const first = await fetch(searchUrl('民族团结')).then((response) => response.text());
    const firstMs = performance.now() - started;
    const after = rssMb(pid);
    const found = /找到\s*(?:<!-- -->)?(\d+)/.exec(first)?.[1] ?? '?';

    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const query of BENCH_QUERIES) {
        started = performance.now();
        const response = await fetch(searchUrl(query));
        await response.text();
        if (response.status !== 200) throw new Error(`${query}: ${response.status}`);
        samples.push(performance.now() - started);
      }
    }
    samples.sort((a, b) => a - b);
    const pct = (p: number) =>
      (samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0).toFixed(1);

    let n = 0;
    const load = await autocannon({
      url: BASE,
      connections: 10,
      duration: 20,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: `/search?q=${encodeURIComponent(BENCH_QUERIES[n++ % BENCH_QUERIES.length] ?? '')}`,
          }),
        },
      ],
    });

    console.log(`### /search end to end under next start (${ROUNDS} rounds × 20 queries)\n`);
    console.log('| measure | value |\n| --- | --- |');
    console.log(
      `| server RSS: first answer → 5 s later (index preloaded) → after the first search | ${booted} → ${before} → ${after} MB |`,
    );
    console.log(
      `| first search after start | ${firstMs.toFixed(0)} ms, "民族团结": ${found} results |`,
    );
    console.log(
      `| one request at a time, whole page | median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms |`,
    );
    console.log(
      `| autocannon, 10 connections × 20 s | ${Math.round(load.requests.average)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, errors ${load.errors + load.timeouts + load.non2xx} |`,
    );
    console.log(`| server RSS at the end | ${rssMb(pid)} MB |`);
  } finally {
    server.kill();
  }
}

void main();
