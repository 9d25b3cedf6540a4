import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startReceiver, type Received } from '../lib/push/test-receiver';
import { git, newsroomRepository } from './newsroom-repository';
import { E2E_INDEXNOW_KEY, OWN_PORTS } from './ports';

// Search engines learn of a publish (docs/adr/023-push-changed-urls-to-search-engines.md): the
// publisher, pointed at a real HTTP server standing in for IndexNow and Baidu, sends exactly the
// URLs that became public, changed or went away with a commit, absolute with SITE_URL, never a
// draft or an article dated later, and a scheduled article once its time has come. A receiver that
// refuses twice gets the watching publisher's batch on the third attempt, once.
const SITE_URL = process.env.SITE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT || 3210}`;
const ARTICLES = path.join('articles', '2024', '01');
const NEW = 'tufa-lanjing-shijian';
const CORRECTED = 'jingle-xiandai-nongye';
const REMOVED = 'duocuo-bingju-fazhi-yingshang-huanjing';
const DRAFT = 'caogao-wei-shenhe';
const LATER = 'mingri-fabu-yugao';
/** Already in the sample content: dated 2024-01-26 08:00, after the suite's clock (a notice). */
const SCHEDULED = 'chunjie-gengxin-anpai';
/** The sample story scheduled at the same time (e2e/freshness.spec.ts). */
const SCHEDULED_STORY = 'chunyun-keyunzhan-yanchang-fuwu';
const TOKEN = 'E2eBaiduToken123';

const run = promisify(execFile);

function article(slug: string, title: string, date: string, extra: string[] = []) {
  return [
    '---',
    `title: ${title}`,
    `date: ${date}`,
    'category: shehui/minsheng',
    'source: 本站综合',
    ...extra,
    '---',
    '',
    `${title}。各方正在跟进。`,
    '',
  ].join('\n');
}

const absolute = (slug: string) => `${SITE_URL}/articles/${slug}`;
const indexNowUrls = (received: Received[]) =>
  received
    .filter((request) => request.url === '/indexnow')
    .map((request) => (JSON.parse(request.body) as { urlList: string[] }).urlList);
const baidu = (received: Received[], kind: 'urls' | 'del') =>
  received
    .filter((request) => request.url.startsWith(`/${kind}?`))
    .map((request) => request.body.split('\n'));

test('a publish pushes its new, corrected and removed URLs, never drafts or later articles', async () => {
  test.setTimeout(240_000);
  const work = mkdtempSync(path.join(tmpdir(), 'push-'));
  const served = path.join(work, 'served');
  const { central, newsroom } = newsroomRepository(work);
  git(work, 'clone', '-q', central, served);
  let receiver = await startReceiver({ port: OWN_PORTS.pushReceiver });
  let watcher: ChildProcess | undefined;
  const env = {
    ...process.env,
    CONTENT_DIR: served,
    CONTENT_INDEX_DIR: path.join(work, 'app'),
    INDEXNOW_KEY: E2E_INDEXNOW_KEY,
    INDEXNOW_ENDPOINT: `${receiver.base}/indexnow`,
    BAIDU_PUSH_TOKEN: TOKEN,
    BAIDU_PUSH_ENDPOINT: receiver.base,
    LOG_LEVEL: 'info',
  };
  const publish = (extra: Record<string, string> = {}) =>
    run('npm', ['run', '--silent', 'content:publish', '--', '--pull'], {
      env: { ...env, ...extra },
      maxBuffer: 64 * 1024 * 1024,
    });
  const commit = (message: string) => {
    git(newsroom, 'add', '-A');
    git(newsroom, 'commit', '-qm', message);
    git(newsroom, 'push', '-q', 'origin', 'HEAD');
  };
  try {
    // The first publish makes the site; it pushes nothing (the sitemaps announce an archive).
    const first = await publish();
    expect(first.stdout).toContain('收录推送 starts with version');
    expect(receiver.received).toEqual([]);

    // The editor's commit: a new article, a correction, a removal, a draft and one for tomorrow.
    const dir = path.join(newsroom, ARTICLES);
    writeFileSync(
      path.join(dir, `${NEW}.md`),
      article(NEW, '突发：蓝鲸搁浅江滩', '2024-01-25T10:30:00+08:00'),
    );
    const corrected = path.join(dir, `${CORRECTED}.md`);
    writeFileSync(
      corrected,
      readFileSync(corrected, 'utf8').replace(
        /\ntitle: .*\n/,
        '\ntitle: 现代农业产业的静乐实践（更正）\n',
      ),
    );
    rmSync(path.join(dir, `${REMOVED}.md`));
    writeFileSync(
      path.join(dir, `${DRAFT}.md`),
      article(DRAFT, '草稿未审核', '2024-01-25T09:00:00+08:00', ['draft: true']),
    );
    writeFileSync(
      path.join(dir, `${LATER}.md`),
      article(LATER, '明日发布预告', '2024-01-26T09:00:00+08:00'),
    );
    commit('突发：蓝鲸；更正静乐稿标题；撤下多措并举稿；草稿；明日稿');
    const second = await publish();

    const updated = [absolute(CORRECTED), absolute(NEW)];
    expect(indexNowUrls(receiver.received)).toEqual([[absolute(REMOVED), ...updated].sort()]);
    expect(baidu(receiver.received, 'urls')).toEqual([updated.sort()]);
    expect(baidu(receiver.received, 'del')).toEqual([[absolute(REMOVED)]]);
    const everything = receiver.received.map((request) => request.body).join('\n');
    for (const hidden of [DRAFT, LATER, SCHEDULED, SCHEDULED_STORY])
      expect(everything).not.toContain(hidden);
    const indexNow = JSON.parse(receiver.received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(indexNow).toMatchObject({
      host: new URL(SITE_URL).host,
      key: E2E_INDEXNOW_KEY,
      keyLocation: `${SITE_URL}/${E2E_INDEXNOW_KEY}.txt`,
    });
    expect(receiver.received.find((r) => r.url.startsWith('/urls?'))?.url).toBe(
      `/urls?site=${encodeURIComponent(new URL(SITE_URL).host)}&token=${TOKEN}`,
    );
    // The switch comes first; then one line per batch with its counts and the engine's answer.
    const lines = second.stdout.split('\n');
    const switched = lines.findIndex((line) => line.includes('发布 published'));
    const batches = lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; result?: string })
      .filter((entry) => entry.result);
    expect(switched).toBeGreaterThanOrEqual(0);
    expect(lines.findIndex((line) => line.includes('[push]'))).toBeGreaterThan(switched);
    expect(batches.map((entry) => entry.msg)).toEqual([
      expect.stringMatching(/^\[push\] indexnow: 3 URLs \(2 new or changed, 1 removed\) → 200/),
      expect.stringMatching(
        /^\[push\] baidu: 2 URLs \(2 new or changed, 0 removed\) → 200 success 2/,
      ),
      expect.stringMatching(
        /^\[push\] baidu: 1 URLs \(0 new or changed, 1 removed\) → 200 success 1/,
      ),
    ]);

    const count = receiver.received.length;
    // A day later (no commit), the three scheduled articles are public: they are pushed then.
    const tomorrow = { NEWS_TEST_NOW: '2024-01-27T00:00:00+08:00' };
    await publish(tomorrow);
    const due = [absolute(SCHEDULED), absolute(SCHEDULED_STORY), absolute(LATER)].sort();
    expect(indexNowUrls(receiver.received.slice(count))).toEqual([due]);
    expect(baidu(receiver.received.slice(count), 'urls')).toEqual([due]);

    // The watching publisher (--watch), and an engine that answers 503 twice: the next commit
    // reaches it on the third attempt, once.
    await receiver.close();
    receiver = await startReceiver({ port: OWN_PORTS.pushReceiver, failures: [503, 503] });
    let output = '';
    // (The clock stays a day later: back at the suite's, the scheduled articles would be gone.)
    watcher = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/build/publish.ts', '--pull', '--watch', '1'],
      { env: { ...env, ...tomorrow, BAIDU_PUSH_TOKEN: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [watcher.stdout, watcher.stderr])
      stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    writeFileSync(
      path.join(dir, 'jizhe-zhuizong-baodao.md'),
      article('jizhe-zhuizong-baodao', '记者追踪报道', '2024-01-25T11:00:00+08:00'),
    );
    commit('记者追踪报道');
    await receiver.until(3);
    await expect.poll(() => output, { timeout: 60_000 }).toMatch(/→ 200 after 3 attempts/);
    expect(receiver.received.map((request) => request.url)).toEqual([
      '/indexnow',
      '/indexnow',
      '/indexnow',
    ]);
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
    expect(indexNowUrls(receiver.received).at(-1)).toEqual([absolute('jizhe-zhuizong-baodao')]);
    expect(output).toMatch(/indexnow: 1 URLs .*→ 503 unavailable; attempt 1 failed, again in 1 s/);
    expect(output).toMatch(/indexnow: 1 URLs .*→ 503 unavailable; attempt 2 failed, again in 2 s/);
  } finally {
    watcher?.kill();
    await receiver.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('the site serves the IndexNow key at /<key>.txt, and no other name', async ({ request }) => {
  const response = await request.get(`/${E2E_INDEXNOW_KEY}.txt`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/plain/);
  expect(await response.text()).toBe(E2E_INDEXNOW_KEY);
  for (const other of ['/e2e-indexnow-key-9876543210.txt', '/abcdefgh.txt']) {
    expect((await request.get(other)).status(), other).toBe(404);
  }
  expect((await request.get('/robots.txt')).status()).toBe(200);
});
