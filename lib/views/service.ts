import 'server-only';
import { siteConfig } from '@/config/site';
import { env } from '@/lib/env';
import { now } from '@/lib/clock';
import { openRedisStore } from './redis-store';
import { openSqliteStore } from './sqlite-store';
import type { HourlyRow, ViewStore } from './store';
import { stampedClientAddress } from '@/lib/http/node-server';
import { log } from '@/lib/observability/log.mjs';
import { recordRedisError } from '@/lib/observability/metrics.mjs';
import { addressId, isBot, isCrossSite, visitorId } from './visitor';

export const DEDUPE_SECONDS = 30 * 60;
/** Views a minute from one visitor (address and User-Agent). */
export const RATE_LIMIT_PER_MINUTE = 60;

let store: ViewStore | undefined;
let secret: Promise<string> | undefined;
let failing = false;

function viewStore(): ViewStore {
  store ??=
    env.views.store === 'redis' ? openRedisStore(env.views.url) : openSqliteStore(env.views.file);
  return store;
}

// One line when the store fails and one when it recovers, never one per request.
async function guarded<T>(operation: (store: ViewStore) => Promise<T>): Promise<T> {
  try {
    const result = await operation(viewStore());
    if (failing) {
      failing = false;
      log.info(`[views] ${env.views.store} store recovered`);
    }
    return result;
  } catch (error) {
    if (env.views.store === 'redis') recordRedisError('views');
    if (!failing) {
      failing = true;
      log.error(`[views] ${env.views.store} store unavailable: ${(error as Error).message}`);
    }
    if (env.views.store === 'sqlite') store = undefined;
    throw error;
  }
}

export type CountResult =
  'counted' | 'duplicate' | 'bot' | 'cross-site' | 'limited' | 'unavailable';

export async function countView(slug: string, headers: Headers): Promise<CountResult> {
  if (isCrossSite(headers, siteConfig.url)) return 'cross-site';
  const userAgent = headers.get('user-agent');
  if (isBot(userAgent)) return 'bot';
  const at = now();
  try {
    return await guarded(async (views) => {
      // Decided from the socket (lib/http/node-server.ts); without a stamp (a request that came
      // during start-up) every such visitor shares one address and is told apart by UA alone.
      const address = stampedClientAddress(headers) ?? 'unknown';
      // The secret never changes: read it once, not on every view.
      const key = await (secret ??= views.secret().catch((error: unknown) => {
        secret = undefined;
        throw error;
      }));
      // One address may not pose as many readers by changing its User-Agent: past
      // VIEWS_ADDRESS_LIMIT a minute (an office or campus behind one NAT stays under it) its
      // views are refused, whatever each claims to be.
      if ((await views.hit(addressId(address, key, at), at)) > env.views.addressLimit) {
        return 'limited';
      }
      const visitor = visitorId(address, userAgent ?? '', key, at);
      if ((await views.hit(visitor, at)) > RATE_LIMIT_PER_MINUTE) return 'limited';
      return (await views.recordView(slug, visitor, at, DEDUPE_SECONDS)) ? 'counted' : 'duplicate';
    });
  } catch {
    return 'unavailable';
  }
}

/** Hourly counts of the last `hours` hours up to `at`; undefined when the store is down. */
export async function hourlyViews(hours: number, at: Date): Promise<HourlyRow[] | undefined> {
  try {
    return await guarded((views) => views.hourly(hours, at));
  } catch {
    return undefined;
  }
}

export async function getViewTotal(slug: string): Promise<number | undefined> {
  try {
    return (await guarded((views) => views.totals([slug]))).get(slug) ?? 0;
  } catch {
    return undefined;
  }
}
