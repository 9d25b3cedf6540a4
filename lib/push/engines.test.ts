import { afterEach, describe, expect, it } from 'vitest';
import {
  baiduEngine,
  baiduSite,
  batches,
  DEFAULT_RETRY,
  indexNowEngine,
  sendBatch,
  type Outgoing,
  type RetryPolicy,
} from './engines';
import { startReceiver } from './test-receiver';

const SITE = 'https://news.example.com';
const urls = (count: number, action: Outgoing['action'] = 'updated'): Outgoing[] =>
  Array.from({ length: count }, (_, n) => ({ url: `${SITE}/articles/a-${n}`, action }));

/** The default pauses, recorded instead of waited for. */
function recordingPolicy() {
  const slept: number[] = [];
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
  return { slept, policy };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
async function receiver(options: Parameters<typeof startReceiver>[0] = {}) {
  const started = await startReceiver(options);
  closers.push(started.close);
  return started;
}

describe('batches', () => {
  const indexNow = indexNowEngine({ key: 'abcdefgh', endpoint: 'http://x.example/indexnow' }, SITE);
  const baidu = baiduEngine({ token: 'token1234', endpoint: 'http://x.example' }, SITE);
  it('puts at most 10,000 URLs in an IndexNow request, removals with the rest', () => {
    const sizes = batches(indexNow, [...urls(24_000), ...urls(1000, 'removed')]).map(
      (b) => b.length,
    );
    expect(sizes).toEqual([10_000, 10_000, 5000]);
  });
  it('sends Baidu at most 2,000 URLs a request, and removals apart, within what remains today', () => {
    const mixed = [...urls(4500), ...urls(10, 'removed')];
    expect(batches(baidu, mixed).map((b) => [b.length, b[0]?.action])).toEqual([
      [2000, 'updated'],
      [2000, 'updated'],
      [500, 'updated'],
      [10, 'removed'],
    ]);
    expect(batches(baidu, urls(10), 3).map((b) => b.length)).toEqual([3, 3, 3, 1]);
  });
  it("names Baidu's site as its platform does", () => {
    expect(baiduSite('https://news.example.com')).toBe('https://news.example.com');
    expect(baiduSite('http://news.example.com:8080')).toBe('news.example.com:8080');
  });
});

describe('sendBatch', () => {
  it('sends IndexNow the host, key, key location and absolute URLs as JSON', async () => {
    const server = await receiver();
    const engine = indexNowEngine(
      { key: 'key-12345678', endpoint: `${server.base}/indexnow` },
      SITE,
    );
    const result = await sendBatch(engine, urls(2));
    expect(result.verdict.kind).toBe('ok');
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/indexnow');
    expect(request?.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      host: 'news.example.com',
      key: 'key-12345678',
      keyLocation: 'https://news.example.com/key-12345678.txt',
      urlList: [`${SITE}/articles/a-0`, `${SITE}/articles/a-1`],
    });
  });

  it('tries again after 1 s and 2 s when the engine answers 503 twice, and sends once accepted', async () => {
    const server = await receiver({ failures: [503, 503] });
    const engine = indexNowEngine(
      { key: 'key-12345678', endpoint: `${server.base}/indexnow` },
      SITE,
    );
    const { slept, policy } = recordingPolicy();
    const retries: number[] = [];
    const result = await sendBatch(engine, urls(3), policy, (_, attempt) => retries.push(attempt));
    expect(result).toMatchObject({ verdict: { kind: 'ok' }, attempts: 3 });
    expect(slept).toEqual([1000, 2000]);
    expect(retries).toEqual([1, 2]);
    expect(server.received).toHaveLength(3);
    expect(new Set(server.received.map((request) => request.body)).size).toBe(1);
  });

  it('gives up after 1, 2, 4 and 8 s, and obeys a Retry-After longer than its own pause', async () => {
    const server = await receiver({ failures: [429, 500, 502, 503, 504, 503] });
    const engine = indexNowEngine(
      { key: 'key-12345678', endpoint: `${server.base}/indexnow` },
      SITE,
    );
    const { slept, policy } = recordingPolicy();
    const result = await sendBatch(engine, urls(1), policy);
    expect(result).toMatchObject({
      verdict: { kind: 'retry', detail: '504 unavailable' },
      attempts: 5,
    });
    expect(slept).toEqual([1000, 2000, 4000, 8000]);

    const limited = await receiver();
    const retryAfter = {
      ...indexNowEngine({ key: 'key-12345678', endpoint: `${limited.base}/x` }, SITE),
      read: (status: number) =>
        limited.received.length === 1
          ? ({ kind: 'retry', detail: '429', retryAfterMs: 30_000 } as const)
          : ({ kind: 'ok', detail: String(status) } as const),
    };
    const second = recordingPolicy();
    expect((await sendBatch(retryAfter, urls(1), second.policy)).attempts).toBe(2);
    expect(second.slept).toEqual([30_000]);
  });

  it('retries a refused connection, and never retries a refused key', async () => {
    const closed = await receiver();
    await closed.close();
    const { slept, policy } = recordingPolicy();
    const unreachable = indexNowEngine({ key: 'key-12345678', endpoint: `${closed.base}/i` }, SITE);
    const result = await sendBatch(unreachable, urls(1), policy);
    expect(result).toMatchObject({
      verdict: { kind: 'retry', detail: 'ECONNREFUSED' },
      attempts: 5,
    });

    const server = await receiver({ failures: [403] });
    const engine = indexNowEngine({ key: 'key-12345678', endpoint: `${server.base}/i` }, SITE);
    const refused = recordingPolicy();
    const answer = await sendBatch(engine, urls(1), refused.policy);
    expect(answer).toMatchObject({ verdict: { kind: 'fail' }, attempts: 1 });
    expect(refused.slept).toEqual([]);
    expect(slept).toHaveLength(4);
  });

  it('posts Baidu one URL a line to /urls or /del, and reads what remains of its quota', async () => {
    const server = await receiver({ baiduQuota: 3 });
    const engine = baiduEngine({ token: 'Token1234', endpoint: server.base }, SITE);
    const first = await sendBatch(engine, urls(2));
    expect(first.verdict).toMatchObject({ kind: 'ok', remain: 1 });
    const gone = await sendBatch(engine, urls(1, 'removed'));
    expect(gone.verdict).toMatchObject({ kind: 'ok', remain: 0 });
    const over = await sendBatch(engine, urls(1));
    expect(over).toMatchObject({ verdict: { kind: 'quota' }, attempts: 1 });
    expect(
      server.received.map((request) => [request.url, request.contentType, request.body]),
    ).toEqual([
      [
        '/urls?site=https%3A%2F%2Fnews.example.com&token=Token1234',
        'text/plain',
        `${SITE}/articles/a-0\n${SITE}/articles/a-1`,
      ],
      [
        '/del?site=https%3A%2F%2Fnews.example.com&token=Token1234',
        'text/plain',
        `${SITE}/articles/a-0`,
      ],
      [
        '/urls?site=https%3A%2F%2Fnews.example.com&token=Token1234',
        'text/plain',
        `${SITE}/articles/a-0`,
      ],
    ]);
  });
});
