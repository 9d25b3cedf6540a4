// `npm run content:publish`: puts what is committed in CONTENT_DIR on the running site without a
// `next build`: the content check, then the incremental content build (in one process,
// scripts/build/check-and-build.ts), whose new version every server process on this machine
// switches to within a second (docs/adr/013). Run it on every machine that serves the site.
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
//
// After each publish, and on every tick of --watch (a scheduled article becomes public with no
// commit), the changed public URLs are pushed to the search engines that are configured
// (IndexNow, Baidu; docs/adr/023). The push never holds up a publish: the switch is done first,
// the push runs beside the watcher's next polls, and a push that fails is queued on disk and sent
// on a later tick or run. A single run waits for its push at most PUSH_BUDGET_MS, then exits.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { now } from '../../lib/clock';
import {
  CATALOG_FILE,
  CONTENT_INDEX_DIR,
  CURRENT_FILE,
  type CurrentVersion,
} from '../../lib/content/paths';
import { env } from '../../lib/env';
import { log } from '../../lib/observability/log.mjs';
import { listSourceFiles } from '../../lib/pipeline/source-files';
import { readPushLook } from '../../lib/push/catalog-look';
import { redisClaim } from '../../lib/push/claim';
import { createPusher, machineId } from '../../lib/push/pusher';

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

/**
 * Runs a step; its output goes on to ours, and a failure resolves with its last error line. Not
 * spawnSync: a push under way goes on while the step runs.
 */
async function step(script: string, ...args: string[]): Promise<string | undefined> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, script), ...args],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk).slice(-64 * 1024);
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  if (code === 0) return undefined;
  const last = stderr.trim().split('\n').at(-1)?.trim();
  const how = signal ? `killed by ${signal}` : `exited with ${code}`;
  return `${script} ${how}${last ? `: ${last.slice(0, 300)}` : ''}`;
}

/** Publishes the content as it is now; resolves with why it failed, or undefined. */
async function publish(state: string): Promise<string | undefined> {
  const started = performance.now();
  const failure = await step('check-and-build.ts');
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

// The search engine push (docs/adr/023): undefined when no engine is configured or PUSH_ENABLED=0.
const pushStateFile = path.resolve(
  env.push.stateFile ?? path.join(CONTENT_INDEX_DIR, 'push-state.json'),
);
// The pusher reads what changed between the version it looked at last and the live one from the
// catalog: a few rows per publish, however large the archive.
const pusher = createPusher({
  config: env.push,
  siteUrl: env.siteUrl,
  stateFile: pushStateFile,
  now: () => now().getTime(),
  readLive() {
    let live: CurrentVersion;
    try {
      live = JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
    } catch {
      return undefined;
    }
    return {
      version: live.version,
      look(at, before) {
        const look = readPushLook(CATALOG_FILE, live.version, at, before);
        if (!look) throw new Error(`content version ${live.version} is not in the catalog`);
        return look;
      },
    };
  },
  ...(env.redisUrl ? { claim: redisClaim(env.redisUrl, machineId(pushStateFile)) } : {}),
});

/** How long a single run waits for its push before it exits (the rest stays queued). */
const PUSH_BUDGET_MS = 60_000;

async function push(deadline?: number): Promise<void> {
  try {
    await pusher?.run(deadline);
  } catch (error) {
    log.error(`[push] ${(error as Error).message}; the changes stay queued for the next run`);
  }
}

if (interval === undefined) {
  pull();
  const state = contentState();
  const failure = await publish(state);
  if (failure) {
    console.error(
      `未发布 not published: ${describe(state)}: ${failure}; the site keeps the version before`,
    );
  }
  // After the switch, and whether or not this commit could be published: what is live now.
  await push(Date.now() + PUSH_BUDGET_MS);
  const pending = pusher?.pending() ?? 0;
  if (pending > 0) log.warn(`[push] ${pending} URLs still queued: sent by the next run`);
  process.exit(failure ? 1 : 0);
}

// One push at a time, beside the polls; a tick during a push asks for one more after it.
let pushing: Promise<void> | undefined;
let pushAgain = false;
function pushSoon(): void {
  if (!pusher) return;
  if (pushing) {
    pushAgain = true;
    return;
  }
  pushing = (async () => {
    do {
      pushAgain = false;
      await push();
    } while (pushAgain);
  })().finally(() => (pushing = undefined));
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
    const failure = await publish(state);
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
  // Every tick: a new version, an article that fell due, or a queue to send again.
  pushSoon();
  await new Promise((resolve) => setTimeout(resolve, (interval as number) * 1000));
}
