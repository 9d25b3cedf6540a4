// npx tsx scripts/bench/bench-checkouts.ts BEFORE_DIR AFTER_DIR — the same pages served by two
// built checkouts (e.g. a `git worktree` of an older commit and this one), side by side in one run
// (issue: one caching model; docs/benchmarks.md). Each checkout is started with `next start` on
// its own port, with its build's SITE_URL (BEFORE_SITE_URL, AFTER_SITE_URL); then ROUNDS (3) rounds
// alternate between them, 10 connections for 10 s per page, as served (no Accept-Encoding, like
// autocannon). Reported: req/s and the server's CPU time per request (whole process tree), medians.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { waitFor } from './bench-server';

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

/** CPU seconds of a process and all its descendants. */
function treeCpu(root: number): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      parent.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone
    }
  }
  let total = 0;
  for (const [pid, seconds] of cpu) {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += seconds;
        break;
      }
    }
  }
  return total;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

const servers: ChildProcess[] = [];
try {
  for (const target of targets) {
    servers.push(
      spawn(
        process.execPath,
        [
          path.join(target.dir, 'node_modules/next/dist/bin/next'),
          'start',
          '-H',
          '127.0.0.1',
          '-p',
          String(target.port),
        ],
        {
          cwd: target.dir,
          env: {
            ...process.env,
            ...(target.siteUrl ? { SITE_URL: target.siteUrl } : {}),
            VIEWS_DB: `/tmp/bench-checkouts-${target.name}.db`,
          },
          stdio: 'ignore',
          detached: true,
        },
      ),
    );
  }
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
        const before = treeCpu(pid);
        const result = await autocannon({
          url: `http://127.0.0.1:${target.port}${page}`,
          connections: 10,
          duration: 10,
        });
        const key = `${page} ${target.name}`;
        const entry = results.get(key) ?? { rps: [], cpu: [] };
        entry.rps.push(result.requests.average);
        entry.cpu.push(((treeCpu(pid) - before) * 1000) / result.requests.total);
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
  for (const server of servers) {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
}
