import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { PORT, raw } from './raw-request';

// Servers of this file listen beside the suite's own (E2E_PORT) and the scheduled test's (+1).
const OWN_PORT = PORT + 2;
const NEXT = [
  'node_modules/next/dist/bin/next',
  'start',
  '-H',
  '127.0.0.1',
  '-p',
  String(OWN_PORT),
];

type Run = { code: number | null; output: string; ms: number };

/** Starts a server and waits at most `ms` for it to exit on its own; kills it otherwise. */
function run(command: string, args: string[], env: Record<string, string>, ms = 15_000) {
  const started = Date.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<Run>((resolve) => {
    const timer = setTimeout(() => child.kill(), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
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
] as const) {
  test(`${name}=${value} stops the server with a message naming it`, async () => {
    const result = await run(process.execPath, NEXT, { [name]: value });
    expect(result.output).toMatch(pattern);
    expect(result.code, result.output).not.toBe(0);
    expect(result.code, result.output).not.toBeNull();
    expect(result.ms).toBeLessThan(10_000);
  });
}

test('npm start refuses PORT=99999 with a message naming PORT', async () => {
  const result = await run('npm', ['start', '--silent'], { PORT: '99999' });
  expect(result.output).toMatch(/PORT/);
  expect(result.output).not.toMatch(/Unhandled|RangeError/);
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
});

test('bad requests leave at most a short line in the log', async () => {
  const child = spawn(process.execPath, NEXT, { env: process.env, stdio: 'pipe' });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        if ((await raw('GET', '/api/health', {}, OWN_PORT)).status === 204) break;
      } catch {
        // not listening yet
      }
      if (attempt > 100) throw new Error(`server did not start: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = log.length;
    const long = 'a'.repeat(10_000);
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
      }
      for (const route of ['/api/health', '/sitemaps/0.xml', `/og/x${i}.png`, '/feed.xml']) {
        expect((await raw('TRACE', route, {}, OWN_PORT)).status).toBe(405);
      }
    }
    const added = log.slice(before).split('\n').filter(Boolean);
    expect(added.length, log.slice(before, before + 2000)).toBeLessThanOrEqual(1);
    expect(added.every((line) => line.length < 200)).toBe(true);
  } finally {
    child.kill();
  }
});
