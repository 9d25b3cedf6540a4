import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type TestInfo } from '@playwright/test';
import { startOwnServer } from './own-server';
import { OWN_PORTS } from './ports';

// Issue 22 at a small scale: a server's memory does not grow with the archive. The same build
// serves a generated corpus of 2,000 and of 20,000 articles, each from its own content index;
// after the same warm-up (home, 50 random articles, 10 category pages, 10 searches, /tags,
// sitemaps, feed) the server's RSS at 20,000 is at most 1.2 times its RSS at 2,000.
const SIZES = [2000, 20_000] as const;
const SITE_URL = process.env.SITE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT || 3210}`;
// The generated corpus ends on 2026-01-01 (scripts/bench/generate-articles.ts).
const NOW = '2026-01-02T12:00:00+08:00';
const SEARCHES = ['北京', '上海', '成都', '教育', '农业', '医疗', '交通', '文化', '法治', '民生'];

type Measured = {
  count: number;
  lastPage: number;
  buildSeconds: number;
  startMs: number;
  rssMb: number;
  rssPagesOnlyMb: number;
  oldArticleP95: number;
  deepCategoryP95: number;
};

/** The resident memory of a process and its descendants, in MB. */
function rssMb(pid: number): number {
  const children = (id: number): number[] => {
    try {
      return readdirSync(`/proc/${id}/task`).flatMap((task) =>
        readFileSync(`/proc/${id}/task/${task}/children`, 'utf8')
          .split(/\s+/)
          .filter(Boolean)
          .map(Number),
      );
    } catch {
      return [];
    }
  };
  let total = 0;
  const walk = (id: number) => {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0);
    } catch {
      return;
    }
    for (const child of children(id)) walk(child);
  };
  walk(pid);
  return Math.round(total / 1024);
}

/** The published articles' slugs, oldest months first (the generator makes about one in a hundred a draft). */
function slugsOf(dir: string): string[] {
  return (
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .filter((file) => !/^draft: true$/m.test(readFileSync(path.join(dir, file), 'utf8')))
      // <year>/<month>/<slug>.md: the oldest months first.
      .sort()
      .map((file) => path.basename(file, '.md'))
  );
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0);
}

/** Deterministic picks, so that both sizes are warmed the same way. */
function pick<T>(list: T[], count: number, seed: number): T[] {
  let state = seed;
  const picked: T[] = [];
  for (let i = 0; i < count && list.length > 0; i += 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    picked.push(list[state % list.length] as T);
  }
  return picked;
}

async function get(base: string, url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}${url}`);
  await response.arrayBuffer();
  expect(response.status, url).toBe(200);
  return performance.now() - started;
}

async function measure(count: number, port: number, testInfo: TestInfo): Promise<Measured> {
  const work = mkdtempSync(path.join(tmpdir(), `memory-scale-${count}-`));
  try {
    const content = path.join(work, 'content');
    const index = path.join(work, 'app');
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/bench/generate-articles.ts',
        '--count',
        String(count),
        '--out',
        content,
      ],
      { stdio: 'pipe' },
    );
    const env = { CONTENT_DIR: content, CONTENT_INDEX_DIR: index };
    let started = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build/content-build.ts'], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
    });
    const buildSeconds = Math.round((performance.now() - started) / 100) / 10;

    started = performance.now();
    const server = await startOwnServer(port, { ...env, SITE_URL, NEWS_TEST_NOW: NOW });
    try {
      await get(server.base, '/');
      const startMs = Math.round(performance.now() - started);
      const slugs = slugsOf(path.join(content, 'articles'));
      const categories = readdirSync(path.join(content, 'categories'), {
        recursive: true,
        encoding: 'utf8',
      })
        .filter((file) => file.endsWith('.yml'))
        .map((file) => file.replace(/\.yml$/, ''))
        .sort();
      const categoryPages = pick(categories, 10, 7).map(
        (category, i) => `/category/${category}${i % 2 ? `/page/${2 + i}` : ''}`,
      );
      for (const url of [
        ...pick(slugs, 50, count).map((slug) => `/articles/${slug}`),
        ...categoryPages,
        ...SEARCHES.map((q) => `/search?q=${encodeURIComponent(q)}`),
      ])
        await get(server.base, url);
      // Also before /tags, the sitemaps and the feed, to tell where memory goes.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rssPagesOnly = rssMb(server.pid);
      for (const url of ['/tags', '/sitemap.xml', '/sitemaps/0.xml', '/feed.xml'])
        await get(server.base, url);
      // Settle: what a request allocated for itself is collected before memory is read.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const rss = rssMb(server.pid);

      // First renders (never cached yet): the oldest articles and deep pages of the biggest channel.
      const old = slugs.slice(0, 20).map((slug) => `/articles/${slug}`);
      const oldTimes: number[] = [];
      for (const url of old) oldTimes.push(await get(server.base, url));
      const channel = 'shehui';
      const html = await (await fetch(`${server.base}/category/${channel}`)).text();
      const last = Math.max(
        1,
        ...[...html.matchAll(new RegExp(`/category/${channel}/page/(\\d+)`, 'g'))].map((m) =>
          Number(m[1]),
        ),
      );
      const deepTimes: number[] = [];
      for (let i = 0; i < 20; i += 1)
        deepTimes.push(
          await get(server.base, `/category/${channel}/page/${Math.max(2, last - i * 7)}`),
        );
      const measured: Measured = {
        count,
        lastPage: last,
        buildSeconds,
        startMs,
        rssMb: rss,
        rssPagesOnlyMb: rssPagesOnly,
        oldArticleP95: p95(oldTimes),
        deepCategoryP95: p95(deepTimes),
      };
      testInfo.annotations.push({
        type: `memory-scale ${count}`,
        description: JSON.stringify(measured),
      });
      console.log(`[memory-scale] ${JSON.stringify(measured)}`);
      return measured;
    } finally {
      server.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('the server memory does not grow with the archive (2,000 vs 20,000 articles)', async ({}, testInfo) => {
  test.setTimeout(1_800_000);
  const [small, large] = [
    await measure(SIZES[0], OWN_PORTS.memoryScale, testInfo),
    await measure(SIZES[1], OWN_PORTS.memoryScale, testInfo),
  ];
  expect(
    large.rssMb,
    `RSS ${large.rssMb} MB at 20k vs ${small.rssMb} MB at 2k`,
  ).toBeLessThanOrEqual(small.rssMb * 1.2);
});
