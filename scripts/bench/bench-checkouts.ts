// npx tsx scripts/bench/bench-checkouts.ts BEFORE_DIR AFTER_DIR — the same pages served by two
// built checkouts (e.g. a `git worktree` of an older commit and this one), side by side in one run
// (issue: one caching model; docs/benchmarks.md). Each checkout is started with `next start` on
// its own port, with its build's SITE_URL (BEFORE_SITE_URL, AFTER_SITE_URL); then ROUNDS (3) rounds
// alternate between them, 10 connections for 10 s per page, as served (no Accept-Encoding, like
// autocannon). Reported: req/s and the server's CPU time per request (whole process tree), medians.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startCheckouts, stopGroup, treeCpuSeconds, waitFor } from './bench-server';

const [beforeDir, afterDir] = process.argv.slice(2).map((dir) => path.resolve(dir));
if (!beforeDir || !afterDir) {
  console.error('usage: bench-checkouts.ts BEFORE_DIR AFTER_DIR');
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS || 3);
const PAGES = ['/', '/articles/chengdu-wuhou-minzu-tuanjie'];
const targets = [
  { name: 'before', dir: beforeDir, port: 3480, siteUrl: process.env.BEFORE_SITE_URL },
  { name: 'after', dir: afterDir, port: 3481, siteUrl: process.env.AFTER_SITE_URL },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

const servers: ChildProcess[] = [];
try {
  servers.push(...startCheckouts('bench-checkouts', targets));
  for (const target of targets) await waitFor(`http://127.0.0.1:${target.port}/`);
  for (const target of targets)
    for (const page of PAGES)
      for (let i = 0; i < 20; i += 1)
        await (await fetch(`http://127.0.0.1:${target.port}${page}`)).text();
  const results = new Map<string, { rps: number[]; cpu: number[] }>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const page of PAGES) {
      for (const [index, target] of targets.entries()) {
        const pid = servers[index]?.pid as number;
        const before = treeCpuSeconds(pid);
        const result = await autocannon({
          url: `http://127.0.0.1:${target.port}${page}`,
          connections: 10,
          duration: 10,
        });
        const key = `${page} ${target.name}`;
        const entry = results.get(key) ?? { rps: [], cpu: [] };
        entry.rps.push(result.requests.average);
        entry.cpu.push(((treeCpuSeconds(pid) - before) * 1000) / result.requests.total);
        results.set(key, entry);
        if (result.non2xx > 0) console.log(`${key}: ${result.non2xx} answers not 2xx`);
      }
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`${ROUNDS} rounds alternating, medians; load average at the end ${load}`);
  console.log('| page | checkout | req/s (rounds) | server CPU per request |');
  console.log('| --- | --- | --- | --- |');
  for (const [key, entry] of results) {
    const [page, name] = key.split(' ');
    console.log(
      `| ${page} | ${name} | ${Math.round(median(entry.rps))} (${entry.rps.map(Math.round).join(', ')}) | ${median(entry.cpu).toFixed(2)} ms |`,
    );
  }
} finally {
  for (const server of servers) stopGroup(server);
}
