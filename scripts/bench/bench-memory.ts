// npx tsx scripts/bench/bench-memory.ts BEFORE_DIR AFTER_DIR — the server's memory (RSS) under
// SECONDS (120) of /search load, for two built checkouts (e.g. a `git worktree` of an older
// commit and this one), one after the other in one run (issue 21; docs/benchmarks.md). Each is
// started with `next start` (BEFORE_PORT, AFTER_PORT; their builds' SITE_URL as BEFORE_SITE_URL,
// AFTER_SITE_URL), warmed with 200 searches, then loaded by autocannon with 10 connections over the
// benchmark queries while its RSS is read every 5 s. Reported per checkout: RSS when the load
// starts, its highest, at the end, the growth over the last minute, and req/s. ORDER=after,before
// loads the second checkout first (the first one loaded has the machine more to itself).
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_QUERIES } from './bench-queries';
import { serverPid, startCheckouts, stopGroup, waitFor } from './bench-server';

const [beforeDir, afterDir] = process.argv.slice(2).map((dir) => path.resolve(dir));
if (!beforeDir || !afterDir) {
  console.error('usage: bench-memory.ts BEFORE_DIR AFTER_DIR');
  process.exit(2);
}
const SECONDS = Number(process.env.SECONDS_OF_LOAD || 120);
const SAMPLE_MS = 5000;
const targets = [
  {
    name: 'before',
    dir: beforeDir,
    port: Number(process.env.BEFORE_PORT || 3482),
    siteUrl: process.env.BEFORE_SITE_URL,
  },
  {
    name: 'after',
    dir: afterDir,
    port: Number(process.env.AFTER_PORT || 3483),
    siteUrl: process.env.AFTER_SITE_URL,
  },
];

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const searchPath = (n: number) =>
  `/search?q=${encodeURIComponent(BENCH_QUERIES[n % BENCH_QUERIES.length] ?? '民族团结')}`;

async function measure(target: (typeof targets)[number], server: ChildProcess) {
  const base = `http://127.0.0.1:${target.port}`;
  const pid = serverPid(server.pid ?? 0);
  for (let n = 0; n < 200; n += 1) await (await fetch(`${base}${searchPath(n)}`)).text();
  const samples: { at: number; mb: number }[] = [{ at: 0, mb: rssMb(pid) }];
  const started = Date.now();
  const timer = setInterval(
    () => samples.push({ at: (Date.now() - started) / 1000, mb: rssMb(pid) }),
    SAMPLE_MS,
  );
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: 10,
    duration: SECONDS,
    requests: [{ setupRequest: (request) => ({ ...request, path: searchPath((n += 1)) }) }],
  });
  clearInterval(timer);
  samples.push({ at: (Date.now() - started) / 1000, mb: rssMb(pid) });
  const lastMinute = samples.filter((sample) => sample.at >= SECONDS - 60);
  const first = lastMinute[0]?.mb ?? NaN;
  const last = samples.at(-1)?.mb ?? NaN;
  return {
    name: target.name,
    startMb: samples[0]?.mb ?? NaN,
    maxMb: Math.max(...samples.map((sample) => sample.mb)),
    endMb: last,
    lastMinuteMb: last - first,
    rps: result.requests.average,
    non2xx: result.non2xx,
    curve: samples.map((sample) => `${Math.round(sample.at)}s ${sample.mb.toFixed(0)}`).join(', '),
  };
}

const servers: ChildProcess[] = [];
try {
  servers.push(...startCheckouts('bench-memory', targets));
  for (const target of targets) await waitFor(`http://127.0.0.1:${target.port}/api/health`);
  const rows = [];
  const order = (process.env.ORDER || 'before,after').split(',');
  for (const name of order) {
    const index = targets.findIndex((target) => target.name === name);
    const target = targets[index];
    if (target) rows.push(await measure(target, servers[index] as ChildProcess));
  }
  console.log(`/search under autocannon, 10 connections, ${SECONDS} s each, RSS in MB:`);
  console.log('| checkout | RSS at start | highest | at the end | last minute | req/s | non-2xx |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.startMb.toFixed(0)} | ${row.maxMb.toFixed(0)} | ${row.endMb.toFixed(0)} | ` +
        `${row.lastMinuteMb >= 0 ? '+' : ''}${row.lastMinuteMb.toFixed(0)} | ${row.rps.toFixed(0)} | ${row.non2xx} |`,
    );
  }
  for (const row of rows) console.log(`${row.name}: ${row.curve}`);
} finally {
  for (const server of servers) stopGroup(server);
}
