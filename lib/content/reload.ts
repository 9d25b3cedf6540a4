import 'server-only';
// Every server process watches which content version is live (current.json, replaced by the
// content build with a rename) and switches to a new one within a second, without a restart:
// pages, lists, feeds, sitemaps and search then all answer from it. The cache handler is told the
// version, so this process reads and writes only that version's cached pages, taking over those
// of the version before that the switch did not change
// (docs/adr/019-content-version-in-the-shared-cache.md).
//
// A switch that fails (an unreadable or half-copied version) is loud and retried: one log line
// when it starts failing and one when it recovers, /api/health answers 503 meanwhile, and the
// process tries again with a growing pause, at once when current.json changes again. The version
// before stays live until then.
import { statSync } from 'node:fs';
import { setContentVersion } from '@/lib/cache/handler.mjs';
import { lockFile, unlockFile } from '@/lib/file-lock';
import { log } from '@/lib/observability/log.mjs';
import {
  recordContentSwitchFailure,
  recordContentVersion,
} from '@/lib/observability/metrics.mjs';
import { warmSearchIndex } from '@/lib/search/sqlite-engine';
import { warmSitemapFiles } from '@/lib/seo/sitemap-files';
import { changedTags } from './changes';
import { CURRENT_FILE, versionFiles } from './paths';
import { getContentState, reloadContent } from './repository';

const POLL_MS = 1000;
/** The longest pause between two attempts at a switch that keeps failing. */
const MAX_RETRY_MS = 60_000;

const FLAG = Symbol.for('news.content-watch');
const STATUS = Symbol.for('news.content-status');

type Failure = { reason: string; since: number; attempts: number; retryAt: number; stamp: string };
type Status = { version?: string; failure?: Failure; held?: { version: string; fd: number } };

// On globalThis: the health route is another bundle of the same process.
const global = globalThis as typeof globalThis & { [FLAG]?: boolean; [STATUS]?: Status };
const status = (): Status => (global[STATUS] ??= {});

/** current.json's identity (inode, time, size): a change means someone published again. */
function stamp(): string {
  try {
    const stat = statSync(CURRENT_FILE);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}

/**
 * What this process serves, for /api/health: the version, or why it is not the live one. The
 * reason is short and names no path (the full error is in the log).
 */
export function contentHealth(): { ok: boolean; version?: string; reason?: string } {
  const { version, failure } = status();
  if (!failure) return { ok: true, ...(version ? { version } : {}) };
  const since = Math.round((Date.now() - failure.since) / 1000);
  return {
    ok: false,
    ...(version ? { version } : {}),
    reason: `content switch failing for ${since} s (${failure.attempts} attempts): ${failure.reason}`,
  };
}

/**
 * Holds a shared lock on the version this process serves, so that no content build deletes it
 * from under it (lib/pipeline/content-version.ts, collectGarbage), and lets go of the one before.
 */
function holdVersion(version: string): void {
  const state = status();
  if (state.held?.version === version) return;
  try {
    const fd = lockFile(versionFiles(version).inUse, 'shared', { waitSeconds: 5 });
    if (fd === undefined) throw new Error('a content build is deleting it');
    if (state.held) unlockFile(state.held.fd);
    state.held = { version, fd };
  } catch (error) {
    log.error(`[content] could not mark version ${version} in use: ${(error as Error).message}`);
  }
}

/** The live version becomes this process's: cache namespace, in-use mark, health. */
function serve(version: string, previous?: { version: string; changedTags: string[] }): void {
  setContentVersion(version, previous);
  holdVersion(version);
  status().version = version;
}

function failed(error: unknown): void {
  const state = status();
  const at = Date.now();
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  const attempts = (state.failure?.attempts ?? 0) + 1;
  recordContentSwitchFailure();
  if (!state.failure) {
    // Once, with the whole message; later attempts only count.
    log.error(
      `[content] could not switch to the new version, still serving ${state.version ?? 'nothing'}: ${message}`,
    );
  }
  state.failure = {
    reason: code ?? (error instanceof SyntaxError ? 'unreadable index' : 'load error'),
    since: state.failure?.since ?? at,
    attempts,
    retryAt: at + Math.min(POLL_MS * 2 ** attempts, MAX_RETRY_MS),
    stamp: stamp(),
  };
}

function recovered(): void {
  const state = status();
  if (!state.failure) return;
  log.info(
    `[content] content switch works again after ${state.failure.attempts} failed attempts`,
  );
  delete state.failure;
}

/** Whether to look at current.json now: always, but after a failure only once its pause is over. */
function due(): boolean {
  const failure = status().failure;
  return !failure || Date.now() >= failure.retryAt || stamp() !== failure.stamp;
}

async function check(): Promise<void> {
  const started = performance.now();
  const change = await reloadContent();
  if (!change) {
    const { version } = getContentState();
    if (version !== status().version) serve(version);
    recovered();
    return;
  }
  const tags = changedTags(
    { articles: change.changed.before, categories: change.before.categories, pages: change.before.pages },
    { articles: change.changed.after, categories: change.after.categories, pages: change.after.pages },
  );
  serve(change.after.version, { version: change.before.version, changedTags: tags });
  recordContentVersion(change.after.version, (performance.now() - started) / 1000);
  recovered();
  log.info(
    `[content] version ${change.after.version} is live (was ${change.before.version}), ` +
      `${tags.length} cache tags changed`,
  );
  // The new version's search index is opened now rather than by the next reader's query.
  try {
    warmSearchIndex();
  } catch (error) {
    log.error(`[search] could not open the new index: ${(error as Error).message}`);
  }
  // And the sitemap files the publish changed are written now rather than by a crawler.
  warmSitemapFiles().catch((error: Error) =>
    log.warn(`[sitemaps] could not write the new files: ${error.message}`),
  );
}

export function watchContent(): void {
  if (global[FLAG]) return;
  global[FLAG] = true;
  let busy = false;
  const tick = () => {
    if (busy || !due()) return;
    busy = true;
    check()
      .catch(failed)
      .finally(() => {
        busy = false;
      });
  };
  tick();
  setInterval(tick, POLL_MS).unref();
}
