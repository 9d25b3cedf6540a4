import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/start/cluster-processes';
import { fileCardStore, redisCardStore, renderOnce } from './card-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A render that takes a while, and counts how often it ran. */
function slowRender(bytes: string) {
  const render = async () => {
    render.calls += 1;
    await sleep(200);
    return Buffer.from(bytes);
  };
  render.calls = 0;
  return render;
}

describe('social cards in files', () => {
  it('renders a card once however many requests ask for it at the same time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cards-'));
    const store = fileCardStore(dir);
    const render = slowRender('png');
    const cards = await Promise.all([1, 2, 3].map(() => renderOnce(store, 'a-v1', render)));
    expect(cards.map(String)).toEqual(['png', 'png', 'png']);
    expect(render.calls).toBe(1);
    expect(readdirSync(dir)).toEqual(['a-v1.png']);
    expect(String(await renderOnce(store, 'a-v1', render))).toBe('png');
    expect(render.calls).toBe(1);
  });
});

describe('social cards in Redis, shared by instances', () => {
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

  it('renders a card once for all instances, and keeps it for the shared-cards time', async () => {
    const [a, b] = [redisCardStore(url, 600), redisCardStore(url, 600)];
    const [renderA, renderB] = [slowRender('card'), slowRender('card')];
    const cards = await Promise.all([
      renderOnce(a, 'b-v1', renderA),
      renderOnce(b, 'b-v1', renderB),
      renderOnce(b, 'b-v1', renderB),
    ]);
    expect(cards.map(String)).toEqual(['card', 'card', 'card']);
    expect(renderA.calls + renderB.calls).toBe(1);

    const other = redisCardStore(url, 600);
    const later = slowRender('never');
    expect(String(await renderOnce(other, 'b-v1', later))).toBe('card');
    expect(later.calls).toBe(0);
    const redis = new Redis(url);
    const ttl = await redis.ttl('news:card:b-v1');
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    redis.disconnect();
    await Promise.all([a, b, other].map((store) => store.close()));
  });

  it('still serves cards when Redis is down, rendering them', async () => {
    const down = redisCardStore(`redis://127.0.0.1:${await freePort()}`, 600);
    const render = slowRender('fresh');
    const errors: string[] = [];
    const started = Date.now();
    const card = await renderOnce(down, 'c-v1', render, (error) => errors.push(error.message));
    expect(String(card)).toBe('fresh');
    expect(errors.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(1500);
    await down.close();
  });
});
