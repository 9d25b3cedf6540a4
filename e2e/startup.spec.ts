import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { untilHealthy } from './own-server';
import { OWN_PORTS } from './ports';
import { raw } from './raw-request';

const OWN_PORT = OWN_PORTS.startup;
const NEXT = [
  'node_modules/next/dist/bin/next',
  'start',
  '-H',
  '127.0.0.1',
  '-p',
  String(OWN_PORT),
];

type Run = { code: number | null; output: string; served: boolean };

/**
 * Starts a server and waits until it exits on its own, or answers a request (then it is stopped:
 * a server that should have refused to start did not). However long a busy machine takes to get
 * there; the test's timeout is the bound.
 */
function run(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'pipe' });
  let output = '';
  let served = false;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Run>((resolve) => {
    child.on('exit', (code) => resolve({ code, output, served }));
  });
  void untilHealthy(`http://127.0.0.1:${OWN_PORT}`, child, () => output).then(
    () => {
      served = true;
      child.kill('SIGKILL');
    },
    () => undefined,
  );
  return exited;
}

test.describe.configure({ mode: 'serial' });

for (const [name, value, pattern] of [
  ['VIEWS_STORE', 'mongo', /VIEWS_STORE/],
  ['SITE_URL', 'not-a-url', /SITE_URL/],
  ['VIEWS_STORE', 'redis', /REDIS_URL/],
  // The shared cache and the cards use it even with the SQLite view store.
  ['REDIS_URL', 'localhost:6379', /REDIS_URL/],
  ['LIST_PAGE_SIZE', '0', /LIST_PAGE_SIZE/],
  ['SITE_URL', 'https://news.example.com', /SITE_URL[\s\S]*npm run build/],
  ['VIEWS_DB', '/proc/news/views.db', /VIEWS_DB/],
  ['HOST', 'not a host', /HOST/],
  ['METRICS_PORT', '99999', /METRICS_PORT/],
  ['METRICS_HOST', 'metrics.internal', /METRICS_HOST/],
  ['LOG_LEVEL', 'verbose', /LOG_LEVEL/],
] as const) {
  test(`${name}=${value} stops the server with a message naming it`, async () => {
    const result = await run(process.execPath, NEXT, { [name]: value });
    expect(result.output).toMatch(pattern);
    expect(result.served, 'answered a request').toBe(false);
    expect(result.code, result.output).not.toBe(0);
    expect(result.code, result.output).not.toBeNull();
  });
}

test('npm start refuses PORT=99999 with a message naming PORT', async () => {
  const result = await run('npm', ['start', '--silent'], { PORT: '99999' });
  expect(result.output).toMatch(/PORT/);
  expect(result.output).not.toMatch(/Unhandled|RangeError/);
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
});

test('each bad request leaves one short JSON line in the log, and nothing else', async () => {
  const child = spawn(process.execPath, NEXT, { env: process.env, stdio: 'pipe' });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    await untilHealthy(`http://127.0.0.1:${OWN_PORT}`, child, () => log);
    // Requests that arrived while the server booted were answered before its log was set up:
    // ask until a health check is logged. (The line of a later check may still arrive below; it
    // is told apart by its status.)
    await expect
      .poll(async () => {
        await raw('GET', '/api/health', {}, OWN_PORT);
        return log;
      })
      .toContain('"path":"/api/health","status":204');
    const before = log.length;
    const long = 'a'.repeat(10_000);
    let sent = 0;
    for (let i = 0; i < 20; i += 1) {
      for (const path of [
        `/${long}${i}`,
        `/articles/${long}${i}`,
        `/category/${'b'.repeat(1000)}${i}`,
        `/tags/${'c'.repeat(300)}${i}`,
        `/sitemaps/${'d'.repeat(300)}${i}.xml`,
        `/articles/a%00${i}`,
        `/tags/%00${i}`,
        `/%E0%A4%A${i}`,
      ]) {
        expect((await raw('GET', path, {}, OWN_PORT)).status).toBeGreaterThanOrEqual(400);
        sent += 1;
      }
      for (const route of ['/api/health', '/sitemaps/0.xml', `/og/x${i}.png`, '/feed.xml']) {
        expect((await raw('TRACE', route, {}, OWN_PORT)).status).toBe(405);
        sent += 1;
      }
    }
    // A line is written when its response is over: wait for the last one.
    const added = () =>
      log
        .slice(before)
        .split('\n')
        .filter((line) => line && !line.includes('"path":"/api/health","status":204'));
    await expect.poll(() => added().length).toBe(sent);
    for (const line of added()) {
      expect(line.length, line.slice(0, 300)).toBeLessThan(400);
      const entry = JSON.parse(line) as { msg: string; status: number; path: string };
      expect(entry.msg, line).toBe('request');
      expect(entry.status, line).toBeGreaterThanOrEqual(400);
      expect(entry.status, line).toBeLessThan(500);
    }
  } finally {
    child.kill('SIGKILL');
  }
});
