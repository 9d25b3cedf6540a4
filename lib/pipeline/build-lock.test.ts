// Five content builds asking for the lock in the same millisecond, against a stale lock (the pid
// of a build that is gone, or an empty file, as a build killed while writing its pid leaves):
// each runs alone, one after the other.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCK_MODULE = path.join(import.meta.dirname, 'build-lock.ts');

/** A build as far as the lock sees it: take it, work a while, write down when, let go. */
const BUILD = `
import { appendFileSync } from 'node:fs';
import { lockContentBuild } from ${JSON.stringify(LOCK_MODULE)};
const [dir, log, at] = process.argv.slice(2);
while (Date.now() < Number(at)); // all five ask for the lock in the same millisecond
const unlock = lockContentBuild(dir, { log: () => undefined });
// CLOCK_MONOTONIC is one clock for every process on the machine; performance.timeOrigin is each
// process's own reading of the wall clock at its start, and five of them disagree by a fraction of
// a millisecond (a run failed on 0.15 ms of it while the lock had been handed on in order).
const start = process.hrtime.bigint();
const until = Date.now() + 150;
while (Date.now() < until); // busy, as a build is
const end = process.hrtime.bigint();
appendFileSync(log, JSON.stringify({ pid: process.pid, start: String(start), end: String(end) }) + '\\n');
unlock();
`;

function run(script: string, ...args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('exit', (code) => resolve(code));
  });
}

describe('the content build lock', () => {
  it.each([
    ['the pid of a build that is gone', '4194303'],
    ['an empty lock file', ''],
  ])(
    'lets five builds started against a stale lock (%s) run one at a time',
    async (_, stale) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'build-lock-'));
      writeFileSync(path.join(dir, '.build.lock'), stale);
      const script = path.join(dir, 'build.ts');
      writeFileSync(script, BUILD);
      const log = path.join(dir, 'runs.jsonl');
      // Long enough for five processes to start on a busy machine.
      const at = String(Date.now() + 8000);
      const codes = await Promise.all(Array.from({ length: 5 }, () => run(script, dir, log, at)));
      expect(codes).toEqual([0, 0, 0, 0, 0]);
      const runs = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const run = JSON.parse(line) as { pid: number; start: string; end: string };
          return { pid: run.pid, start: BigInt(run.start), end: BigInt(run.end) };
        })
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      expect(runs).toHaveLength(5);
      for (let i = 1; i < runs.length; i += 1) {
        const before = runs[i - 1] as (typeof runs)[0];
        const run = runs[i] as (typeof runs)[0];
        expect(
          run.start,
          `build ${run.pid} started while ${before.pid} ran`,
        ).toBeGreaterThanOrEqual(before.end);
      }
    },
    90_000,
  );
});
