// `npm run content:publish`: puts what is committed in CONTENT_DIR on the running site without a
// `next build`: the content check, then the incremental content build, whose new version every
// server process on this machine switches to within a second (docs/adr/013). Run it on every
// machine that serves the site.
//
//   npm run content:publish                     once
//   npm run content:publish -- --pull           git pull --ff-only in CONTENT_DIR first
//   npm run content:publish -- --pull --watch 5 every 5 s: pull, and publish when HEAD moved
//
// An article that fails the check is not published: the site keeps the version before, and the
// watcher tries again at the next commit. A change to the code (not the content) needs a full
// build and a restart instead (README, Deploying).
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

function step(script: string, ...args: string[]): boolean {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, script), ...args],
    { stdio: 'inherit' },
  );
  return result.status === 0;
}

function publish(state: string): boolean {
  const started = performance.now();
  const ok = step('content-check.ts', '--quiet') && step('content-build.ts');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const what = isGit() ? `commit ${state.slice(0, 12)}` : 'the content';
  if (ok) console.log(`发布 published ${what} in ${seconds} s`);
  else
    console.error(
      `未发布 not published: ${what} failed the check or the build; the site keeps the version before`,
    );
  return ok;
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
  process.exit(publish(contentState()) ? 0 : 1);
}

let last: string | undefined;
for (;;) {
  pull();
  const state = contentState();
  if (state !== last) {
    publish(state);
    // A failed state is not tried again until the content changes.
    last = state;
  }
  await new Promise((resolve) => setTimeout(resolve, (interval as number) * 1000));
}
