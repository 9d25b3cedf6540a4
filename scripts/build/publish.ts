// `npm run content:publish`: puts what is committed in CONTENT_DIR on the running site without a
// `next build`: the content check, then the incremental content build, whose new version every
// server process on this machine switches to within a second (docs/adr/013). Run it on every
// machine that serves the site.
//
//   npm run content:publish                     once
//   npm run content:publish -- --pull           git pull --ff-only in CONTENT_DIR first
//   npm run content:publish -- --pull --watch 5 every 5 s: pull, and publish when HEAD moved
//
// An article that fails the check, or a build that fails (disk full, lock timeout, a killed
// worker), is not published: the site keeps the version before. The watcher logs one line with
// the reason and tries the same commit again, after 2, 4, 8 … intervals (at most 5 minutes),
// or at once when a new commit arrives. A change to the code (not the content) needs a full build
// and a restart instead (README, Deploying).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../../lib/env';
import { listSourceFiles } from '../../lib/pipeline/source-files';

const { values } = parseArgs({
  options: { pull: { type: 'boolean', default: false }, watch: { type: 'string' } },
});
const contentDir = path.resolve(env.contentDir);
const interval = values.watch === undefined ? undefined : Number(values.watch);
if (interval !== undefined && !(interval > 0)) {
  console.error(`--watch takes seconds, e.g. --watch 5; got "${values.watch}"`);
  process.exit(1);
}

const git = (...args: string[]) =>
  execFileSync('git', ['-C', contentDir, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

function isGit(): boolean {
  try {
    return git('rev-parse', '--is-inside-work-tree') === 'true';
  } catch {
    return false;
  }
}

/** What identifies the content's state: the commit, or outside git the files' names, sizes and times. */
function contentState(): string {
  if (isGit()) return git('rev-parse', 'HEAD');
  const hash = createHash('sha256');
  for (const file of listSourceFiles(contentDir)) {
    const stat = statSync(path.join(contentDir, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Runs a step; its output goes on to ours, and a failure resolves with its last error line. */
function step(script: string, ...args: string[]): string | undefined {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, script), ...args],
    { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  process.stderr.write(result.stderr ?? '');
  if (result.status === 0) return undefined;
  const last = (result.stderr ?? '').trim().split('\n').at(-1)?.trim();
  const how = result.signal ? `killed by ${result.signal}` : `exited with ${result.status}`;
  return `${script} ${how}${last ? `: ${last.slice(0, 300)}` : ''}`;
}

/** Publishes the content as it is now; resolves with why it failed, or undefined. */
function publish(state: string): string | undefined {
  const started = performance.now();
  const failure = step('content-check.ts', '--quiet') ?? step('content-build.ts');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!failure) console.log(`发布 published ${describe(state)} in ${seconds} s`);
  return failure;
}

function describe(state: string): string {
  return isGit() ? `commit ${state.slice(0, 12)}` : 'the content';
}

function pull() {
  if (!values.pull) return;
  try {
    git('pull', '--ff-only', '--quiet');
  } catch (error) {
    console.error(
      `git pull failed: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`,
    );
  }
}

if (interval === undefined) {
  pull();
  const state = contentState();
  const failure = publish(state);
  if (failure) {
    console.error(
      `未发布 not published: ${describe(state)}: ${failure}; the site keeps the version before`,
    );
  }
  process.exit(failure ? 1 : 0);
}

/** The longest pause before a failed commit is tried again. */
const MAX_RETRY_MS = 5 * 60_000;
let published: string | undefined;
let failed: { state: string; attempts: number; retryAt: number } | undefined;
for (;;) {
  pull();
  const state = contentState();
  const retry = failed?.state === state;
  if (state !== published && (!retry || Date.now() >= (failed?.retryAt ?? 0))) {
    const failure = publish(state);
    if (failure) {
      const attempts = retry ? (failed?.attempts ?? 0) + 1 : 1;
      const wait = Math.min((interval as number) * 1000 * 2 ** attempts, MAX_RETRY_MS);
      failed = { state, attempts, retryAt: Date.now() + wait };
      console.error(
        `未发布 not published: ${describe(state)} (attempt ${attempts}): ${failure}; ` +
          `the site keeps the version before, trying again in ${Math.round(wait / 1000)} s`,
      );
    } else {
      published = state;
      failed = undefined;
    }
  }
  await new Promise((resolve) => setTimeout(resolve, (interval as number) * 1000));
}
