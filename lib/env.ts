// Pure: validates the environment once, with errors that say what to fix.
import { isIP } from 'node:net';
import { defaultSiteUrl, parseListenAddress } from './listen-address.mjs';
import { MIN_SECRET_LENGTH } from './preview/token';

export type Env = {
  siteUrl: string;
  /** Where the Markdown lives (the scale benchmarks point it at a generated corpus). */
  contentDir: string;
  /**
   * Where the content build leaves the site's content (versions, bodies, search index) and the
   * server reads it; every instance on a machine shares it (docs/adr/013-publishing-without-a-rebuild.md).
   */
  contentIndexDir: string;
  /** Articles per category or tag page. */
  pageSize: number;
  /** URLs per sitemap file before the index splits. */
  sitemapSize: number;
  /**
   * How much `next build` renders ahead, as a check that every page type renders: the newest N
   * articles, and the first N pages of each category and of the tags those articles carry.
   * Prebuilt pages are not served (docs/adr/015-prerender-a-sample.md): every page renders on its
   * first request and is then cached and revalidated.
   */
  prerender: { articles: number; listPages: number };
  /** Where `npm start` listens (PORT, HOST); checked here so the server names a bad value. */
  listen: { port: number; host: string };
  /**
   * The ICP 备案号 (京ICP备…号-1) and 公安备案号 (京公网安备 11010502000001号) a site in mainland
   * China must show in its footer: ICP_BEIAN and POLICE_BEIAN; empty when not set.
   */
  beian: { icp: string; police: string };
  /**
   * The Redis every instance shares, when there are several: Next's cache
   * (lib/cache/handler.mjs, which reads the variable itself because Next loads it unbundled, after
   * this check has passed at start-up) and the social cards; the views too with VIEWS_STORE=redis.
   */
  redisUrl: string | undefined;
  views:
    | { store: 'sqlite'; file: string; trustProxy: string[]; addressLimit: number }
    | { store: 'redis'; url: string; trustProxy: string[]; addressLimit: number };
  /**
   * Where this process serves its Prometheus metrics: METRICS_HOST (127.0.0.1) and METRICS_PORT
   * (by default the site's port + 10000, so that every instance on a machine has its own);
   * undefined with METRICS_PORT=off (docs/adr/017-metrics-port-and-json-logs.md).
   */
  metrics: { host: string; port: number } | undefined;
  /** LOG_LEVEL: the least severe level written to the log (info: one line per request). */
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * PREVIEW_SECRET: the key that signs draft preview links (lib/preview), the same on every
   * instance and on the machine that runs `npm run preview-link`; undefined when unset, and then
   * every preview URL is a 404 (docs/adr/022-draft-preview-links.md).
   */
  previewSecret: string | undefined;
  /**
   * Telling search engines of changed articles as the publisher makes them live
   * (docs/adr/023-push-changed-urls-to-search-engines.md): IndexNow with INDEXNOW_KEY, Baidu's
   * link submission (普通收录) with BAIDU_PUSH_TOKEN, each off while its variable is unset.
   * PUSH_ENABLED=0 keeps this machine's publisher from pushing (docs/deploy.md, who pushes).
   */
  push: PushConfig;
};

export type PushConfig = {
  enabled: boolean;
  indexNow: { key: string; endpoint: string } | undefined;
  baidu: { token: string; endpoint: string } | undefined;
  /** What was pushed, and what is still to push (by default beside the content versions). */
  stateFile: string | undefined;
};

/** The levels LOG_LEVEL accepts, the most severe first (pino's names). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** The default metrics port is the site's port plus this. */
export const METRICS_PORT_OFFSET = 10_000;

function redisUrl(source: Record<string, string | undefined>): string | undefined {
  const url = source.REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\/[^/?#]/.test(url))
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${url}"`);
  return url;
}

/** TRUST_PROXY=1: the proxy runs on this machine (nginx in front of `next start`). */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

/**
 * The reverse proxies whose X-Forwarded-For is believed, as CIDR ranges: none by default; "1"
 * (or true/yes/loopback) for a proxy on this machine; otherwise a list of addresses and CIDR
 * ranges, e.g. "10.0.0.5, 10.0.1.0/24, fd00::10".
 */
export function parseTrustProxy(raw: string | undefined): string[] {
  const value = raw?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(value)) return [];
  if (['1', 'true', 'yes', 'loopback'].includes(value)) return [...LOOPBACK];
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const [address = '', prefix, extra] = entry.split('/');
      const family = isIP(address);
      const bits = family === 4 ? 32 : 128;
      const length = prefix === undefined ? bits : Number(prefix);
      if (
        !family ||
        extra !== undefined ||
        !Number.isInteger(length) ||
        length < 0 ||
        length > bits
      ) {
        throw new Error(
          `TRUST_PROXY must be 1 (a proxy on this machine) or a list of proxy addresses and CIDR ranges, e.g. "10.0.0.5, 10.0.1.0/24"; got "${entry}"`,
        );
      }
      return `${address}/${length}`;
    });
}

function views(source: Record<string, string | undefined>): Env['views'] {
  const store = source.VIEWS_STORE?.trim() || 'sqlite';
  const trustProxy = parseTrustProxy(source.TRUST_PROXY);
  // Views a minute from one address (an IPv6 /64), whatever User-Agents it sends.
  const addressLimit = integer(source, 'VIEWS_ADDRESS_LIMIT', 120, 1_000_000);
  if (store === 'sqlite')
    return { store, file: source.VIEWS_DB?.trim() || '.data/views.db', trustProxy, addressLimit };
  if (store !== 'redis') throw new Error(`VIEWS_STORE must be "sqlite" or "redis", got "${store}"`);
  const url = redisUrl(source);
  if (!url) throw new Error('VIEWS_STORE=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379');
  return { store, url, trustProxy, addressLimit };
}

function integer(
  source: Record<string, string | undefined>,
  name: string,
  fallback: number,
  max: number,
) {
  const raw = source[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  }
  return value;
}

function metrics(source: Record<string, string | undefined>, sitePort: number): Env['metrics'] {
  const raw = source.METRICS_PORT?.trim().toLowerCase() ?? '';
  if (raw === 'off') return undefined;
  const host = source.METRICS_HOST?.trim() || '127.0.0.1';
  if (!isIP(host)) {
    throw new Error(`METRICS_HOST must be an IP address such as 127.0.0.1, got "${host}"`);
  }
  if (!raw) {
    const port = sitePort + METRICS_PORT_OFFSET;
    if (port > 65535) {
      throw new Error(
        `METRICS_PORT defaults to PORT + ${METRICS_PORT_OFFSET}, beyond 65535 for PORT=${sitePort}: ` +
          'set METRICS_PORT to a free port (or off)',
      );
    }
    return { host, port };
  }
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new Error(`METRICS_PORT must be a whole number from 1 to 65535 or off, got "${raw}"`);
  }
  if (port === sitePort) {
    throw new Error(`METRICS_PORT must differ from PORT (${sitePort}): the site's port is public`);
  }
  return { host, port };
}

function logLevel(source: Record<string, string | undefined>): Env['logLevel'] {
  const raw = source.LOG_LEVEL?.trim().toLowerCase() || 'info';
  const level = LOG_LEVELS.find((name) => name === raw);
  if (!level) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

function previewSecret(source: Record<string, string | undefined>): string | undefined {
  const secret = source.PREVIEW_SECRET?.trim();
  if (!secret) return undefined;
  // The value is never printed: it would land in a log.
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `PREVIEW_SECRET must be at least ${MIN_SECRET_LENGTH} characters (got ${secret.length}); ` +
        'make one with: openssl rand -base64 32',
    );
  }
  return secret;
}

/** IndexNow's key: 8 to 128 letters, digits and dashes (www.indexnow.org/documentation). */
export const INDEXNOW_KEY_PATTERN = /^[A-Za-z0-9-]{8,128}$/;
/** Baidu's push token, as its 搜索资源平台 shows it: letters and digits. */
const BAIDU_TOKEN_PATTERN = /^[A-Za-z0-9]{8,64}$/;

function httpUrl(source: Record<string, string | undefined>, name: string, fallback: string) {
  const raw = source[name]?.trim() || fallback;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new Error(`${name} must be an http(s) URL without query, e.g. ${fallback}; got "${raw}"`);
  }
  return url.toString().replace(/\/$/, '');
}

function push(source: Record<string, string | undefined>): PushConfig {
  const flag = source.PUSH_ENABLED?.trim().toLowerCase() ?? '';
  if (!['', '1', 'true', 'yes', 'on', '0', 'false', 'no', 'off'].includes(flag)) {
    throw new Error(`PUSH_ENABLED must be 1 or 0 (on or off), got "${flag}"`);
  }
  const key = source.INDEXNOW_KEY?.trim();
  if (key && !INDEXNOW_KEY_PATTERN.test(key)) {
    throw new Error(
      `INDEXNOW_KEY must be 8 to 128 letters, digits or dashes (e.g. the output of \`openssl rand -hex 16\`), got "${key}"`,
    );
  }
  const token = source.BAIDU_PUSH_TOKEN?.trim();
  if (token && !BAIDU_TOKEN_PATTERN.test(token)) {
    throw new Error(
      `BAIDU_PUSH_TOKEN must be the token of 百度搜索资源平台 → 普通收录 → API提交 (8 to 64 letters and digits), got "${token}"`,
    );
  }
  const indexNowEndpoint = httpUrl(
    source,
    'INDEXNOW_ENDPOINT',
    'https://api.indexnow.org/indexnow',
  );
  const baiduEndpoint = httpUrl(source, 'BAIDU_PUSH_ENDPOINT', 'http://data.zz.baidu.com');
  return {
    enabled: !['0', 'false', 'no', 'off'].includes(flag),
    indexNow: key ? { key, endpoint: indexNowEndpoint } : undefined,
    baidu: token ? { token, endpoint: baiduEndpoint } : undefined,
    stateFile: source.PUSH_STATE_FILE?.trim() || undefined,
  };
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const raw = source.SITE_URL?.trim() || defaultSiteUrl(source);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `SITE_URL 无效 / invalid SITE_URL: "${raw}" (expected e.g. https://news.example.com)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`SITE_URL must be http(s), got "${raw}"`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`SITE_URL must be an origin without path, query or hash, got "${raw}"`);
  }
  const listen = parseListenAddress(source);
  return {
    siteUrl: url.origin,
    contentDir: source.CONTENT_DIR?.trim() || 'content',
    contentIndexDir: source.CONTENT_INDEX_DIR?.trim() || '.contentlayer/app',
    pageSize: integer(source, 'LIST_PAGE_SIZE', 20, 100),
    sitemapSize: integer(source, 'SITEMAP_SIZE', 50_000, 50_000),
    prerender: {
      articles: integer(source, 'PRERENDER_ARTICLES', 50, 10_000_000),
      listPages: integer(source, 'PRERENDER_LIST_PAGES', 1, 100_000),
    },
    listen,
    beian: { icp: source.ICP_BEIAN?.trim() ?? '', police: source.POLICE_BEIAN?.trim() ?? '' },
    redisUrl: redisUrl(source),
    views: views(source),
    metrics: metrics(source, listen.port),
    logLevel: logLevel(source),
    previewSecret: previewSecret(source),
    push: push(source),
  };
}

export const env = parseEnv(process.env);
