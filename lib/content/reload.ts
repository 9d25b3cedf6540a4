import 'server-only';
// Every server process watches which content version is live (current.json, replaced by the
// content build with a rename) and switches to a new one within a second, without a restart:
// pages, lists, feeds, sitemaps and search then all answer from it. The pages it changes are
// expired at once (in Redis too, for every instance sharing it) instead of living out their
// 25 seconds (docs/adr/013-publishing-without-a-rebuild.md).
import { expireTags } from '@/lib/cache/handler.mjs';
import { log } from '@/lib/observability/log.mjs';
import {
  recordContentSwitchFailure,
  recordContentVersion,
} from '@/lib/observability/metrics.mjs';
import { warmSearchIndex } from '@/lib/search/sqlite-engine';
import { changedTags } from './changes';
import { reloadContent } from './repository';

const POLL_MS = 1000;
/**
 * A page whose render began before the switch is cached after it with the old content; the tags
 * are expired again once such renders are over.
 */
const SETTLE_MS = 2000;

const FLAG = Symbol.for('news.content-watch');

async function expire(tags: string[]) {
  try {
    await expireTags(tags);
  } catch (error) {
    log.error(`[content] could not expire cached pages: ${(error as Error).message}`);
  }
}

export function watchContent(): void {
  const global = globalThis as typeof globalThis & { [FLAG]?: boolean };
  if (global[FLAG]) return;
  global[FLAG] = true;
  let busy = false;
  setInterval(() => {
    if (busy) return;
    busy = true;
    const started = performance.now();
    reloadContent()
      .then(async (change) => {
        if (!change) return;
        const tags = changedTags(change.before.index, change.after.index);
        log.info(
          `[content] version ${change.after.version} is live (was ${change.before.version}), ` +
            `${tags.length} cache tags expired`,
        );
        await expire(tags);
        recordContentVersion(change.after.version, (performance.now() - started) / 1000);
        setTimeout(() => void expire(tags), SETTLE_MS).unref();
        // The new version's search index is opened now rather than by the next reader's query.
        try {
          warmSearchIndex();
        } catch (error) {
          log.error(`[search] could not open the new index: ${(error as Error).message}`);
        }
      })
      .catch((error: unknown) => {
        // The version before stays live; the next check tries again.
        recordContentSwitchFailure();
        log.error(`[content] could not load the new version: ${(error as Error).message}`);
      })
      .finally(() => {
        busy = false;
      });
  }, POLL_MS).unref();
}
