import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheProfiles } from '@/lib/cache/profiles.mjs';
import { env } from '@/lib/env';
import { log } from '@/lib/observability/log.mjs';
import { recordRedisError } from '@/lib/observability/metrics.mjs';
import { fileCardStore, redisCardStore, renderOnce, type CardStore } from './card-store';

// Cards are rendered on first request and kept: rendering 10,000 at build time would add minutes
// to every build, and a versioned URL lets browsers and CDNs cache them forever. One server keeps
// them as files in .data/og; with REDIS_URL, every instance keeps them in that Redis, so a card is
// rendered once for the whole cluster.
const CACHE_DIR = path.join(process.cwd(), '.data', 'og');
const FONT_FILE = path.join(process.cwd(), 'assets', 'fonts', 'og-sans-sc-bold.otf');
const PUBLIC_DIR = path.join(process.cwd(), 'public');

let font: Promise<Buffer> | undefined;
export function ogFont(): Promise<Buffer> {
  font ??= readFile(FONT_FILE);
  return font;
}

let store: CardStore | undefined;
let failing = false;

/** The card stored under `key`, or rendered by `render` (once per cluster) and stored. */
export function card(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
  store ??= env.redisUrl
    ? redisCardStore(env.redisUrl, cacheProfiles.sharedCards.seconds)
    : fileCardStore(CACHE_DIR);
  return renderOnce(store, key, render, (error) => {
    if (env.redisUrl) recordRedisError('cards');
    // One line when the store fails, not one per card; cards are still rendered and served.
    if (failing) return;
    failing = true;
    log.error(`[cards] card store unavailable, rendering without it: ${error.message}`);
    setTimeout(() => (failing = false), 60_000).unref();
  });
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** The cover as a data: URL for Satori, or undefined when it is missing or of a kind it cannot draw. */
export async function coverDataUrl(sitePath: string | undefined): Promise<string | undefined> {
  if (!sitePath) return undefined;
  const file = path.join(PUBLIC_DIR, sitePath);
  const mime = MIME[path.extname(file).toLowerCase()];
  if (!mime || !file.startsWith(PUBLIC_DIR + path.sep)) return undefined;
  try {
    return `data:${mime};base64,${(await readFile(file)).toString('base64')}`;
  } catch {
    return undefined;
  }
}
