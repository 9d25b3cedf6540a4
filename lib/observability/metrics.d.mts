import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type Metrics = {
  registry: Registry;
  requests: Counter<'route' | 'method' | 'status'>;
  requestSeconds: Histogram<'route'>;
  pageCache: Counter<'route' | 'result'>;
  cacheLookups: Counter<'layer' | 'result'>;
  views: Counter<'result'>;
  contentVersion: Gauge<'version'>;
  contentSwitchedAt: Gauge<string>;
  contentSwitchSeconds: Gauge<string>;
  contentSwitches: Counter<'result'>;
  redisErrors: Counter<'use'>;
  pageCacheBytes: Gauge<string>;
};
export declare function metrics(): Metrics;
export declare function reportPageCacheSize(bytes: () => number): void;
export declare function recordRequest(request: {
  route: string;
  method: string;
  status: number;
  seconds: number;
  cache?: string;
}): void;
export declare function recordCacheLookup(
  layer: 'memory' | 'redis',
  result: 'hit' | 'stale' | 'miss',
): void;
export declare function recordView(result: string): void;
export declare function recordContentVersion(version: string, switchSeconds?: number): void;
export declare function recordContentSwitchFailure(): void;
export declare function recordRedisError(use: 'cache' | 'views' | 'cards'): void;
