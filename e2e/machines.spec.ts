import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type TestInfo } from '@playwright/test';
import { startCluster, type Cluster } from '../scripts/start/cluster-processes';
import { git, newsroomRepository } from './newsroom-repository';
import type { VersionComplete } from '../lib/content/paths';
import { readCatalogIndex } from '../lib/pipeline/catalog-reader';
import { writeCatalogVersion } from '../lib/pipeline/catalog-writer';

// Several machines that never disagree (docs/adr/019-content-version-in-the-shared-cache.md):
// two "machines", each its own content checkout, content directory and two `next start`
// instances, sharing one real redis-server, as in production. Each machine publishes with its
// own `content:publish`. Every step waits for the state it checks, with a deadline.
const PORT = Number(process.env.E2E_PORT || 3210);
const SITE_URL = `http://127.0.0.1:${PORT}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const REMOVED = 'duocuo-bingju-fazhi-yingshang-huanjing';
const REMOVED_IN_BLIP = 'chengdu-wuhou-minzu-tuanjie';
const CORRECTED = 'jingle-xiandai-nongye';
const CORRECTED_TITLE = '现代农业产业的静乐实践（二次更正）';
// Pages that list the newest articles (every article page shows 最新文章), their channels, the
// articles themselves, the feed.
const PAGES = [
  '/',
  '/category/shizheng',
  '/category/shizheng/fazhi',
  '/category/qinggan',
  `/tags/${encodeURIComponent('民族团结')}`,
  '/articles/zhejiang-linhai-baogong-xunjian',
  `/articles/${REMOVED}`,
  `/articles/${REMOVED_IN_BLIP}`,
  '/feed.xml',
];

type Machine = { name: string; content: string; index: string; cluster?: Cluster };

function publishOnce(machine: Machine) {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build/publish.ts', '--pull'], {
    env: { ...process.env, CONTENT_DIR: machine.content, CONTENT_INDEX_DIR: machine.index },
    stdio: 'pipe',
  });
  return liveVersion(machine);
}

function liveVersion(machine: Machine): string {
  return (
    JSON.parse(readFileSync(path.join(machine.index, 'current.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

async function health(url: string) {
  const response = await fetch(`${url}/api/health`);
  return {
    status: response.status,
    version: response.headers.get('x-content-version'),
    body: await response.text(),
  };
}

/** Polls `check` until it holds, failing with `what` after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`not within ${ms / 1000} s: ${what}`);
}

/** Whether every one of `bases` has switched past `slug`'s removal: its page is gone. */
async function gone(slug: string, bases: string[]) {
  const statuses = await Promise.all(
    bases.map(async (base) => (await fetch(`${base}/articles/${slug}`)).status),
  );
  return statuses.every((status) => status === 404);
}

const urls = (machine: Machine) => machine.cluster?.instances.map((i) => i.url) ?? [];

/** The pages of `urls` that show `slug` (an article page that answers 200 counts). */
async function showing(slug: string, bases: string[]): Promise<string[]> {
  const seen: string[] = [];
  for (const base of bases) {
    for (const page of PAGES) {
      const response = await fetch(`${base}${page}`);
      const body = await response.text();
      const shows = page.endsWith(`/${slug}`) ? response.status === 200 : body.includes(slug);
      if (shows) seen.push(`${base}${page}`);
    }
  }
  return seen;
}

function removeArticle(newsroom: string, slug: string, message: string) {
  rmSync(path.join(newsroom, 'articles', '2024', '01', `${slug}.md`));
  git(newsroom, 'add', '-A');
  git(newsroom, 'commit', '-qm', message);
  git(newsroom, 'push', '-q', 'origin', 'HEAD');
}

test('two machines sharing one Redis never serve content either has taken down', async ({}, testInfo: TestInfo) => {
  test.setTimeout(900_000);
  const work = mkdtempSync(path.join(tmpdir(), 'machines-'));
  const { central, newsroom } = newsroomRepository(work);
  const machines: [Machine, Machine] = [
    { name: 'a', content: path.join(work, 'a-content'), index: path.join(work, 'a-app') },
    { name: 'b', content: path.join(work, 'b-content'), index: path.join(work, 'b-app') },
  ];
  const [a, b] = machines;
  for (const machine of machines) git(work, 'clone', '-q', central, machine.content);
  const lines: string[] = [];
  let watcher: ChildProcess | undefined;
  try {
    // The same commit and code give both machines the same version id.
    expect(publishOnce(a)).toBe(publishOnce(b));

    const log = (name: string) => (instance: string, line: string) =>
      lines.push(`[${name}:${instance}] ${line}`);
    a.cluster = await startCluster({
      instances: 2,
      nginx: false,
      port: PORT + 14,
      redisPort: PORT + 19,
      env: { SITE_URL, CONTENT_INDEX_DIR: a.index },
      log: log('a'),
    });
    b.cluster = await startCluster({
      instances: 2,
      nginx: false,
      port: PORT + 16,
      redisUrl: a.cluster.redisUrl,
      env: { SITE_URL, CONTENT_INDEX_DIR: b.index },
      log: log('b'),
    });
    const everywhere = [...urls(a), ...urls(b)];
    expect(await showing(REMOVED, everywhere)).not.toEqual([]);

    // 1. Machine A publishes the removal; machine B lags behind and keeps rendering its version
    // into the shared Redis. A never serves the removed article, however B's pages are cached.
    removeArticle(newsroom, REMOVED, '撤稿');
    const removed = publishOnce(a);
    await until('machine a switches', () => gone(REMOVED, urls(a)));
    for (let round = 0; round < 3; round += 1) {
      // B first: its pages (with the article) are what Redis holds when A asks.
      expect(await showing(REMOVED, urls(b))).not.toEqual([]);
      expect(await showing(REMOVED, urls(a)), `round ${round}`).toEqual([]);
    }
    // B catches up: the same version as A, and the pages A renders are B's cache hits.
    expect(publishOnce(b)).toBe(removed);
    await until('machine b switches', () => gone(REMOVED, urls(b)));
    for (const reported of await Promise.all(everywhere.map(health))) {
      expect(reported.version).toBe(removed);
    }
    expect(await showing(REMOVED, everywhere)).toEqual([]);
    const [a1] = urls(a);
    const [b1] = urls(b);
    await fetch(`${a1}/category/caijing`);
    expect((await fetch(`${b1}/category/caijing`)).headers.get('x-nextjs-cache')).toBe('HIT');
    // Each machine stores its own sitemap files (ADR 031); the same bytes carry the same tag, so
    // a crawler's conditional request is a 304 whichever machine answers it.
    const plain = { 'accept-encoding': 'identity' };
    const tag = (await fetch(`${a1}/sitemaps/0.xml`, { headers: plain })).headers.get('etag');
    expect(tag).toMatch(/^"0-[0-9a-f]+"$/);
    expect((await fetch(`${b1}/sitemaps/0.xml`, { headers: plain })).headers.get('etag')).toBe(tag);
    const again = await fetch(`${b1}/sitemaps/0.xml`, { headers: { 'if-none-match': tag ?? '' } });
    expect(again.status).toBe(304);

    // 2. Redis goes away, both machines switch to a version without another article, Redis
    // comes back with what it held: nothing from before the switch is served.
    expect(await showing(REMOVED_IN_BLIP, everywhere)).not.toEqual([]);
    await a.cluster.stopRedis('SIGTERM');
    removeArticle(newsroom, REMOVED_IN_BLIP, '再撤一稿');
    const blip = publishOnce(a);
    expect(publishOnce(b)).toBe(blip);
    await until('every instance switches', () => gone(REMOVED_IN_BLIP, everywhere));
    expect(await showing(REMOVED_IN_BLIP, everywhere)).toEqual([]);
    const back = lines.length;
    await a.cluster.startRedis();
    await until(
      'every instance uses Redis again',
      async () => {
        expect(await showing(REMOVED_IN_BLIP, everywhere)).toEqual([]);
        const since = lines.slice(back).filter((line) => line.includes('redis is back'));
        return everywhere.every((_, index) =>
          since.some((line) =>
            line.startsWith(`[${index < 2 ? 'a' : 'b'}:instance-${'ab'[index % 2]}]`),
          ),
        );
      },
      90_000,
    );
    expect(await showing(REMOVED_IN_BLIP, everywhere)).toEqual([]);

    // 3. A publish that fails (the index directory refuses the build's first write: a directory
    // where its lock file goes, which also stops root) is tried again, the same commit.
    const output: string[] = [];
    watcher = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/build/publish.ts', '--pull', '--watch', '1'],
      {
        env: { ...process.env, CONTENT_DIR: a.content, CONTENT_INDEX_DIR: a.index },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const stream of [watcher.stdout, watcher.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => output.push(...chunk.split('\n').filter(Boolean)));
    }
    const lock = path.join(a.index, '.build.lock');
    rmSync(lock, { force: true });
    mkdirSync(lock);
    const file = path.join(newsroom, 'articles', '2024', '01', `${CORRECTED}.md`);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/\ntitle: .*\n/, `\ntitle: ${CORRECTED_TITLE}\n`),
    );
    git(newsroom, 'add', '-A');
    git(newsroom, 'commit', '-qm', '更正标题');
    git(newsroom, 'push', '-q', 'origin', 'HEAD');
    const commit = git(newsroom, 'rev-parse', 'HEAD').toString().trim().slice(0, 12);
    await until(
      'the failed publish is logged with its reason',
      async () => output.some((line) => line.includes('未发布') && line.includes(commit)),
      120_000,
    );
    const failures = output.filter((line) => line.includes('未发布'));
    expect(failures[0]).toMatch(/check-and-build\.ts exited with 1: .*build\.lock/);
    rmSync(lock, { recursive: true });
    // No new commit: the watcher publishes the same one again.
    await until(
      'the same commit is published on the next attempt',
      async () => output.some((line) => line.includes(`published commit ${commit}`)),
      120_000,
    );
    await until('machine a serves the correction', async () => {
      for (const base of urls(a)) {
        if (
          !(await (await fetch(`${base}/articles/${CORRECTED}`)).text()).includes(CORRECTED_TITLE)
        )
          return false;
      }
      return true;
    });

    // 4. A switch that fails (a version copied in two steps: its complete.json is not there yet) is
    // loud: /api/health answers 503 with one short line; it is retried, and succeeds once the
    // version is complete.
    const good = liveVersion(b);
    const half = 'feedfacefeedface';
    const from = path.join(b.index, 'versions', good);
    const to = path.join(b.index, 'versions', half);
    cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith('complete.json') });
    // Made live as a build (or an operator, docs/deploy.md) does it, a new file renamed over the
    // old: written in place, an instance may read it half written and report that instead.
    const next = path.join(b.index, 'current.json.next');
    writeFileSync(
      next,
      `${JSON.stringify({ version: half, publishedAt: new Date().toISOString() })}\n`,
    );
    renameSync(next, path.join(b.index, 'current.json'));
    await until('machine b reports the failed switch', async () =>
      (await Promise.all(urls(b).map(health))).every((h) => h.status === 503),
    );
    for (const reported of await Promise.all(urls(b).map(health))) {
      expect(reported.version).toBe(good);
      expect(reported.body).toMatch(
        /^content switch failing for \d+ s \(\d+ attempts\): ENOENT\n$/,
      );
    }
    // It goes on serving the version before meanwhile.
    expect((await fetch(`${b1}/articles/${CORRECTED}`)).status).toBe(200);
    expect(
      lines.filter((line) => line.startsWith('[b:') && line.includes('could not switch')),
    ).toHaveLength(2);
    // Complete as a content build completes it: its rows in the catalog, its complete.json last.
    const catalog = path.join(b.index, 'catalog.db');
    const index = readCatalogIndex(catalog, good);
    if (!index) throw new Error(`version ${good} is not in ${catalog}`);
    writeCatalogVersion(catalog, half, index);
    const complete: VersionComplete = {
      id: half,
      articles: index.articles.length,
      writtenAt: new Date().toISOString(),
    };
    writeFileSync(path.join(to, 'complete.json'), JSON.stringify(complete));
    await until('machine b switches once the version is complete', async () =>
      (await Promise.all(urls(b).map(health))).every((h) => h.status === 204 && h.version === half),
    );
  } finally {
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('machines output', { body: lines.slice(-400).join('\n') });
    }
    watcher?.kill();
    await b.cluster?.stop();
    await a.cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
