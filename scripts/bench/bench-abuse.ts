// npx tsx scripts/bench/bench-abuse.ts — what an anonymous client can make the site hold, and
// whether scripted views get counted. Needs a production build (`npm run build`; start-up checks
// that SITE_URL is the build's, so build and run this with the same SITE_URL).
//
// 1. 5,000 distinct unknown URLs (articles, tags, categories, list pages, feeds, cards, sitemaps)
//    at 20 at a time: the change in the size of .next/ and in the server's resident memory.
// 2. The view API under 50 connections for 15 s, one User-Agent and a made-up X-Forwarded-For on
//    every request (TRUST_PROXY off): views counted, against what one visitor may be counted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { now } from '../../lib/clock';
import { waitFor } from './bench-server';
import { readLiveIndex } from './live-index';

const PORT = Number(process.env.BENCH_PORT || 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = process.env.NEXT_DIST_DIR || '.next';
const UNKNOWN = 5000;
const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const stats = statSync(path.join(dir, entry), { throwIfNoEntry: false });
    if (stats?.isFile()) total += stats.size;
  }
  return total;
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function unknownUrl(n: number): string {
  const token = `zz${n.toString(36)}`;
  switch (n % 8) {
    case 0:
      return `/articles/${token}`;
    case 1:
      return `/tags/${encodeURIComponent(`不存在${token}`)}`;
    case 2:
      return `/category/${token}`;
    case 3:
      return `/category/shehui/page/${1000 + n}`;
    case 4:
      return `/category/${token}/feed.xml`;
    case 5:
      return `/og/${token}.png?v=1`;
    case 6:
      return `/sitemaps/${1000 + n}.xml`;
    default:
      return `/tags/${token}/page/${n}`;
  }
}

const views = path.join(mkdtempSync(path.join(tmpdir(), 'bench-abuse-')), 'views.db');
const server = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
  { env: { ...process.env, VIEWS_DB: views, TRUST_PROXY: '' }, stdio: 'ignore' },
);
try {
  await waitFor(`${BASE}/api/health`);
  /** `count` requests, 20 at a time; the answers' statuses. */
  async function load(count: number, url: (n: number) => string) {
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < count) {
          const response = await fetch(`${BASE}${url(next++)}`, { redirect: 'manual' });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return JSON.stringify(Object.fromEntries(statuses));
  }
  // Warm-up: the same load on the site's own pages and a first 5,000 unknown URLs, so that the
  // server's heap and compiled code reach their working size. Then two more rounds of 5,000 new
  // distinct unknown URLs each: whatever grows with the number of distinct URLs shows there.
  const known = ['/', '/articles/chengdu-wuhou-minzu-tuanjie', '/category/shehui', '/hot', '/nope'];
  const rss = () => rssBytes(server.pid as number);
  const rssStart = rss();
  await load(UNKNOWN, (n) => known[n % known.length] as string);
  await load(UNKNOWN, unknownUrl);
  console.log(`warm-up (10,000 requests): RSS ${mb(rssStart)} -> ${mb(rss())}`);
  for (const round of [1, 2]) {
    const diskBefore = dirBytes(DIST);
    const rssBefore = rss();
    const statuses = await load(UNKNOWN, (n) => unknownUrl(n + round * UNKNOWN));
    console.log(
      `${UNKNOWN} more distinct unknown URLs: ${statuses}; ${DIST}/ grew by ` +
        `${mb(dirBytes(DIST) - diskBefore)} (target < 1 MB), RSS by ${mb(rss() - rssBefore)} ` +
        `(target < 50 MB)`,
    );
  }

  const slugs = readLiveIndex()
    .articles.filter((article) => !article.draft && Date.parse(article.date) <= now().getTime())
    .map((article) => article.slug);
  // Start inside a minute, so that the run falls in one rate-limit window.
  const second = new Date().getSeconds();
  if (second > 40) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
  let sent = 0;
  const result = await autocannon({
    url: BASE,
    connections: 50,
    duration: 15,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          sent += 1;
          return {
            ...request,
            path: `/api/views/${slugs[sent % slugs.length]}`,
            headers: {
              'user-agent': UA,
              'x-forwarded-for': `203.0.${(sent >> 8) & 255}.${sent & 255}`,
            },
          };
        },
      },
    ],
  });
  const db = new Database(views, { readonly: true });
  const stored =
    (db.prepare('SELECT SUM(count) AS n FROM views_total').get() as { n: number | null }).n ?? 0;
  db.close();
  const limit = Math.min(slugs.length, 60);
  console.log(
    `view API, 50 connections, 15 s, one User-Agent, a new X-Forwarded-For each time: ` +
      `${result.requests.total} requests, ${result['2xx']} 2xx, ${result.non2xx} other, ` +
      `${result.errors} errors; views stored: ${stored} (one visitor may count at most ${limit}: ` +
      `one per article (${slugs.length}) and 60 a minute)`,
  );
} finally {
  server.kill();
}
