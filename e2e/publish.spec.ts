import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { git, newsroomRepository } from './newsroom-repository';
import { startOwnServer } from './own-server';
import { OWN_PORTS } from './ports';

// Publishing without a build (docs/adr/013-publishing-without-a-rebuild.md): an editor commits to
// the newsroom's repository; the publisher on the serving machine pulls, checks and builds only
// what changed; two instances sharing Redis for their page cache (the cluster layout) serve the
// new article, list it, put it in the feed and the sitemap and find it, and show a correction,
// within 60 seconds of the push. Nothing is rebuilt with `next build`.
const TARGET_MS = 60_000;
const SLUG = 'tufa-lanjing-shijian';
const TITLE = '突发：蓝鲸搁浅江滩 各方紧急救援';
const WORD = '蓝鲸';
const CORRECTED = 'jingle-xiandai-nongye';

test('a commit is served, listed, in the feed and searchable on every instance within 60 s', async ({
  request,
}) => {
  test.setTimeout(300_000);
  const work = mkdtempSync(path.join(tmpdir(), 'publish-'));
  const served = path.join(work, 'served');
  const { central, newsroom } = newsroomRepository(work);
  git(work, 'clone', '-q', central, served);

  const env = { CONTENT_DIR: served, CONTENT_INDEX_DIR: path.join(work, 'app') };
  execFileSync('npm', ['run', '--silent', 'content:publish'], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  const redisPort = OWN_PORTS.publishRedis;
  const redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const stops: (() => void)[] = [() => redis.kill()];
  let watcher: ChildProcess | undefined;
  try {
    const shared = { ...env, REDIS_URL: `redis://127.0.0.1:${redisPort}` };
    const instances = [
      await startOwnServer(OWN_PORTS.publishA, shared),
      await startOwnServer(OWN_PORTS.publishB, shared),
    ];
    for (const instance of instances) stops.push(instance.stop);
    const pages = [
      '/',
      '/category/shehui',
      '/category/shehui/minsheng',
      '/feed.xml',
      // Kept on disk by its stamp (lib/seo/sitemap-files.ts): the publish must give another.
      '/sitemaps/0.xml',
      `/articles/${CORRECTED}`,
    ];
    // Every page is rendered and cached before the commit.
    for (const { base } of instances) {
      for (const page of pages) {
        const text = await (await request.get(`${base}${page}`)).text();
        expect(text, page).not.toContain(SLUG);
      }
      expect((await request.get(`${base}/articles/${SLUG}`)).status()).toBe(404);
    }
    // The stored sitemap file 0 of the version before (written by the requests above).
    const storedDir = path.join(env.CONTENT_INDEX_DIR, 'sitemaps');
    const stored = () => readdirSync(storedDir).filter((name) => /^0-[0-9a-f]+\.xml$/.test(name));
    const before = stored();
    expect(before).toHaveLength(1);
    watcher = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/build/publish.ts', '--pull', '--watch', '1'],
      { env: { ...process.env, ...env }, stdio: 'ignore' },
    );

    // The editor's commit: a new article and a correction to another.
    const dir = path.join(newsroom, 'articles', '2024', '01');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `${SLUG}.md`),
      [
        '---',
        `title: ${TITLE}`,
        'date: 2024-01-25T10:30:00+08:00',
        'category: shehui/minsheng',
        'source: 本站综合',
        'tags: [突发, 民族团结]',
        'summary: 一头蓝鲸今晨搁浅江滩，各方紧急救援。',
        '---',
        '',
        `今晨，一头${WORD}搁浅在江滩上，消防、渔政和志愿者正在紧急救援。`,
        '',
      ].join('\n'),
    );
    const corrected = path.join(dir, `${CORRECTED}.md`);
    writeFileSync(
      corrected,
      readFileSync(corrected, 'utf8').replace(
        /\ntitle: .*\n/,
        '\ntitle: 现代农业产业的静乐实践（更正）\n',
      ),
    );
    git(newsroom, 'add', '-A');
    git(newsroom, 'commit', '-qm', '突发：蓝鲸；更正静乐稿标题');
    git(newsroom, 'push', '-q', 'origin', 'HEAD');
    const pushed = Date.now();

    // The switch writes the sitemap file the publish changed before anyone asks for it
    // (lib/seo/sitemap-files.ts, warmSitemapFiles): another file 0 appears without a request.
    const written = () => stored().filter((name) => !before.includes(name));
    await expect.poll(written, { timeout: TARGET_MS }).not.toEqual([]);

    const everywhere = async (base: string) => {
      const checks: [string, (body: string, status: number) => boolean][] = [
        [`/articles/${SLUG}`, (body, status) => status === 200 && body.includes(TITLE)],
        ['/', (body) => body.includes(SLUG)],
        ['/category/shehui', (body) => body.includes(SLUG)],
        ['/category/shehui/minsheng', (body) => body.includes(SLUG)],
        [
          `/tags/${encodeURIComponent('突发')}`,
          (body, status) => status === 200 && body.includes(SLUG),
        ],
        ['/feed.xml', (body) => body.includes(SLUG)],
        ['/sitemaps/0.xml', (body) => body.includes(SLUG)],
        [`/search?q=${encodeURIComponent(WORD)}`, (body) => body.includes(SLUG)],
        [`/articles/${CORRECTED}`, (body) => body.includes('现代农业产业的静乐实践（更正）')],
      ];
      for (const [url, ok] of checks) {
        const response = await request.get(`${base}${url}`);
        if (!ok(await response.text(), response.status())) return url;
      }
      return undefined;
    };
    let missing: (string | undefined)[] = [];
    while (Date.now() - pushed < TARGET_MS) {
      missing = await Promise.all(instances.map(({ base }) => everywhere(base)));
      if (missing.every((url) => url === undefined)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const elapsed = Date.now() - pushed;
    console.log(`published on every instance ${elapsed} ms after the push`);
    expect(missing, `still missing after ${elapsed} ms`).toEqual(instances.map(() => undefined));
    expect(elapsed).toBeLessThan(TARGET_MS);
  } finally {
    watcher?.kill();
    for (const stop of stops) stop();
    rmSync(work, { recursive: true, force: true });
  }
});
