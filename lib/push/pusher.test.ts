import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/start/cluster-processes';
import { summary } from '@/lib/content/test-fixtures';
import type { ArticleSummary, ContentIndex } from '@/lib/content/types';
import type { PushConfig } from '@/lib/env';
import { writeCatalogVersion } from '@/lib/pipeline/catalog-writer';
import { readPushLook } from './catalog-look';
import { redisClaim } from './claim';
import { DEFAULT_RETRY } from './engines';
import { createPusher, type PushState } from './pusher';
import { startReceiver } from './test-receiver';

const SITE = 'https://news.example.com';
const noon = Date.parse('2024-01-25T12:00:00+08:00');
const old = summary({ slug: 'old', date: '2024-01-24T08:00:00+08:00' });
const gone = summary({ slug: 'gone', date: '2024-01-23T08:00:00+08:00' });
const index = (...articles: ArticleSummary[]): ContentIndex => ({
  articles,
  categories: [],
  pages: [],
});

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(options: Parameters<typeof startReceiver>[0] = {}) {
  const receiver = await startReceiver(options);
  const dir = mkdtempSync(path.join(tmpdir(), 'push-'));
  closers.push(receiver.close, () => rmSync(dir, { recursive: true, force: true }));
  const config: PushConfig = {
    enabled: true,
    indexNow: { key: 'test-key-1234', endpoint: `${receiver.base}/indexnow` },
    baidu: { token: 'Token1234', endpoint: receiver.base },
    stateFile: undefined,
  };
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const log = {
    info: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
    warn: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
    error: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
  };
  const live = { version: 'v1', index: index(old, gone), at: noon };
  // Each version in a catalog of its own, as a content build writes it, when it is first looked at.
  const catalog = path.join(dir, 'catalog.db');
  const written = new Set<string>();
  const slept: number[] = [];
  const make = (overrides: Partial<Parameters<typeof createPusher>[0]> = {}) => {
    const pusher = createPusher({
      config,
      siteUrl: SITE,
      stateFile: path.join(dir, 'push-state.json'),
      readLive: () => {
        if (!written.has(live.version)) {
          writeCatalogVersion(catalog, live.version, live.index);
          written.add(live.version);
        }
        const { version } = live;
        return {
          version,
          look: (at, before) => {
            const look = readPushLook(catalog, version, at, before);
            if (!look) throw new Error(`${version} is not in the catalog`);
            return look;
          },
        };
      },
      now: () => live.at,
      policy: { ...DEFAULT_RETRY, sleep: async (ms) => void slept.push(ms) },
      log,
      ...overrides,
    });
    if (!pusher) throw new Error('no pusher');
    return pusher;
  };
  const publish = (version: string, articles: ArticleSummary[]) => {
    live.version = version;
    live.index = index(...articles);
  };
  return { receiver, dir, config, lines, live, slept, make, publish };
}

const urlsOf = (body: string) => (JSON.parse(body) as { urlList: string[] }).urlList;

describe('createPusher', () => {
  it('is off without an engine, or with PUSH_ENABLED=0', () => {
    const base = {
      siteUrl: SITE,
      stateFile: '/nonexistent',
      readLive: () => undefined,
      now: Date.now,
    };
    const none: PushConfig = {
      enabled: true,
      indexNow: undefined,
      baidu: undefined,
      stateFile: undefined,
    };
    expect(createPusher({ ...base, config: none })).toBeUndefined();
    const off: PushConfig = {
      ...none,
      enabled: false,
      indexNow: { key: 'abcdefgh', endpoint: 'http://x' },
    };
    expect(createPusher({ ...base, config: off })).toBeUndefined();
  });

  it('starts from what is public, then pushes exactly the new, corrected and removed URLs', async () => {
    const { receiver, make, publish, lines, dir } = await setup();
    const pusher = make();
    await pusher.run();
    expect(receiver.received).toEqual([]);
    expect(existsSync(path.join(dir, 'push-state.json'))).toBe(true);

    const fresh = summary({ slug: 'fresh', date: '2024-01-25T11:00:00+08:00' });
    const draft = summary({ slug: 'draft', date: '2024-01-25T11:00:00+08:00', draft: true });
    const later = summary({ slug: 'later', date: '2024-01-26T08:00:00+08:00' });
    publish('v2', [{ ...old, title: '更正', body: 'corrected' }, fresh, draft, later]);
    await pusher.run();
    const [indexNow, baiduUrls, baiduDel] = receiver.received;
    expect(receiver.received).toHaveLength(3);
    expect(urlsOf(indexNow?.body ?? '')).toEqual([
      `${SITE}/articles/fresh`,
      `${SITE}/articles/gone`,
      `${SITE}/articles/old`,
    ]);
    expect(baiduUrls?.url).toMatch(/^\/urls\?/);
    expect(baiduUrls?.body).toBe(`${SITE}/articles/fresh\n${SITE}/articles/old`);
    expect(baiduDel?.url).toMatch(/^\/del\?/);
    expect(baiduDel?.body).toBe(`${SITE}/articles/gone`);
    expect(pusher.pending()).toBe(0);
    // One line per batch, with its counts and the engine's answer.
    const batchLines = lines
      .filter((line) => line.fields?.result === 'ok')
      .map((line) => line.message);
    expect(batchLines).toEqual([
      expect.stringMatching(
        /^\[push\] indexnow: 3 URLs \(2 new or changed, 1 removed\) → 200 after 1 attempt/,
      ),
      expect.stringMatching(
        /^\[push\] baidu: 2 URLs \(2 new or changed, 0 removed\) → 200 success 2, remain/,
      ),
      expect.stringMatching(
        /^\[push\] baidu: 1 URLs \(0 new or changed, 1 removed\) → 200 success 1/,
      ),
    ]);

    // Nothing changed: nothing sent.
    await pusher.run();
    expect(receiver.received).toHaveLength(3);
  });

  it('pushes a scheduled article when its time comes, without a new version', async () => {
    const { receiver, make, publish, live } = await setup({});
    const later = summary({ slug: 'later', date: '2024-01-25T18:00:00+08:00' });
    publish('v1', [old, later]);
    const pusher = make();
    await pusher.run();
    live.at = Date.parse('2024-01-25T17:59:59+08:00');
    await pusher.run();
    expect(receiver.received).toEqual([]);
    live.at = Date.parse('2024-01-25T18:00:00+08:00');
    await pusher.run();
    expect(receiver.received.map((request) => request.body)).toEqual([
      expect.stringContaining(`"urlList":["${SITE}/articles/later"]`),
      `${SITE}/articles/later`,
    ]);
  });

  it('sends a batch the engine refused twice (503) once it accepts, and only once', async () => {
    const second = await setup({ failures: [503, 503] });
    const retrying = second.make({ config: { ...second.config, baidu: undefined } });
    await retrying.run();
    second.publish('v2', [
      old,
      gone,
      summary({ slug: 'fresh', date: '2024-01-25T11:00:00+08:00' }),
    ]);
    await retrying.run();
    expect(second.slept).toEqual([1000, 2000]);
    expect(second.receiver.received.map((request) => urlsOf(request.body))).toEqual([
      [`${SITE}/articles/fresh`],
      [`${SITE}/articles/fresh`],
      [`${SITE}/articles/fresh`],
    ]);
    await retrying.run();
    expect(second.receiver.received).toHaveLength(3);
    expect(retrying.pending()).toBe(0);
  });

  it('keeps what it could not send on disk, and a new process sends it', async () => {
    const { make, publish, config, dir, lines } = await setup();
    const down = await startReceiver();
    await down.close();
    const dead = {
      ...config,
      indexNow: { key: 'test-key-1234', endpoint: `${down.base}/indexnow` },
      baidu: undefined,
    };
    const first = make({ config: dead });
    await first.run();
    publish('v2', [old]);
    await first.run();
    expect(first.pending()).toBe(1);
    expect(lines.at(-1)?.message).toMatch(/ECONNREFUSED after 5 attempts .*kept in the queue/);
    const saved = JSON.parse(readFileSync(path.join(dir, 'push-state.json'), 'utf8')) as PushState;
    expect(saved.outbox.map((item) => [item.engine, item.path, item.action])).toEqual([
      ['indexnow', '/articles/gone', 'removed'],
    ]);

    // The next run (a restarted publisher) after the pause sends it to a live engine.
    const up = await startReceiver();
    closers.push(up.close);
    const next = make({
      config: { ...dead, indexNow: { key: 'test-key-1234', endpoint: `${up.base}/indexnow` } },
    });
    await next.run();
    expect(up.received).toHaveLength(0); // still within the pause after a failed run
    // Once the pause is over:
    saved.engines = {};
    writeFileSync(path.join(dir, 'push-state.json'), JSON.stringify(saved));
    const restarted = make({
      config: { ...dead, indexNow: { key: 'test-key-1234', endpoint: `${up.base}/indexnow` } },
    });
    await restarted.run();
    expect(up.received.map((request) => urlsOf(request.body))).toEqual([[`${SITE}/articles/gone`]]);
    expect(restarted.pending()).toBe(0);
  });

  it("stops at Baidu's daily quota and leaves the rest for tomorrow", async () => {
    const { receiver, make, publish, config } = await setup({ baiduQuota: 2 });
    const pusher = make({ config: { ...config, indexNow: undefined } });
    await pusher.run();
    const many = Array.from({ length: 5 }, (_, n) =>
      summary({ slug: `n-${n}`, date: '2024-01-25T11:00:00+08:00' }),
    );
    publish('v2', [old, ...many]);
    await pusher.run();
    // Baidu took 2 of the 5 and has no quota left: the 3 others and the removal wait.
    expect(receiver.received.map((request) => request.body.split('\n').length)).toEqual([5]);
    expect(pusher.pending()).toBe(4);
    await pusher.run();
    expect(receiver.received).toHaveLength(1);
  });
});

describe('several machines publishing the same version (Redis claims)', () => {
  let server: ChildProcess | undefined;
  let url = '';
  beforeAll(async () => {
    const port = await freePort();
    server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    url = `redis://127.0.0.1:${port}`;
    const probe = new Redis(url, { retryStrategy: () => 50 });
    probe.on('error', () => undefined);
    await probe.ping();
    probe.disconnect();
  });
  afterAll(() => {
    server?.kill();
  });

  it('pushes each change from one machine only, and the claimer again after a restart', async () => {
    const a = await setup();
    const b = await setup();
    // Both machines' engines are the same receiver.
    const config = { ...a.config, baidu: undefined };
    const machineA = a.make({ config, claim: redisClaim(url, 'machine-a') });
    const machineB = b.make({ config, claim: redisClaim(url, 'machine-b') });
    await Promise.all([machineA.run(), machineB.run()]);
    const fresh = summary({ slug: 'fresh', date: '2024-01-25T11:00:00+08:00' });
    a.publish('v2', [old, gone, fresh]);
    b.publish('v2', [old, gone, fresh]);
    await Promise.all([machineA.run(), machineB.run()]);
    expect(a.receiver.received.map((request) => urlsOf(request.body))).toEqual([
      [`${SITE}/articles/fresh`],
    ]);
    expect(machineA.pending() + machineB.pending()).toBe(0);
    // A machine killed after its claim finds the change still its own on its next run.
    const key = ['news:push:indexnow:restart-test'];
    expect(await redisClaim(url, 'machine-a')(key)).toEqual([true]);
    expect(await redisClaim(url, 'machine-a')(key)).toEqual([true]);
    expect(await redisClaim(url, 'machine-b')(key)).toEqual([false]);
  });

  it("takes over an older publisher's state (a snapshot of every URL): its queue and its last look", async () => {
    const { receiver, make, publish, config, dir } = await setup();
    const config1 = { ...config, baidu: undefined };
    // Written by the publisher before 2026-12-07 after looking at v1, one URL still to send.
    const first = make({ config: config1 });
    await first.record();
    const state = JSON.parse(readFileSync(path.join(dir, 'push-state.json'), 'utf8')) as PushState;
    const { contentSeq, ...rest } = state;
    expect(contentSeq).toBeGreaterThan(0);
    writeFileSync(
      path.join(dir, 'push-state.json'),
      JSON.stringify({
        ...rest,
        format: 1,
        snapshot: { '/articles/old': 'x', '/articles/gone': 'y' },
        outbox: [
          {
            engine: 'indexnow',
            path: '/articles/queued',
            action: 'updated',
            fingerprint: 'f',
            since: noon,
          },
        ],
      }),
    );
    publish('v2', [old]);
    const next = make({ config: config1 });
    await next.run();
    expect(receiver.received.map((request) => urlsOf(request.body).sort())).toEqual([
      [`${SITE}/articles/gone`, `${SITE}/articles/queued`],
    ]);
    expect(
      (JSON.parse(readFileSync(path.join(dir, 'push-state.json'), 'utf8')) as PushState).format,
    ).toBe(2);
  });

  it('pushes from every machine when Redis cannot be reached', async () => {
    const { receiver, make, publish, config } = await setup();
    const port = await freePort();
    const pusher = make({
      config: { ...config, baidu: undefined },
      claim: redisClaim(`redis://127.0.0.1:${port}`, 'm'),
    });
    await pusher.run();
    publish('v2', [old]);
    await pusher.run();
    expect(receiver.received.map((request) => urlsOf(request.body))).toEqual([
      [`${SITE}/articles/gone`],
    ]);
  });
});
