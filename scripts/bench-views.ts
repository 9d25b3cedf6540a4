// npx tsx scripts/bench-views.ts — POST /api/views/<slug> under autocannon (50 connections,
// 20 s, a new browser user agent per request) for each store, against a do-nothing route
// handler on the same server in the same run; then checks that the stored total equals the
// number of 204 answers. Needs a production build (npm run build) and redis-server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { waitFor } from './bench-server';
import { openRedisStore } from '../lib/views/redis-store';
import { openSqliteStore } from '../lib/views/sqlite-store';

const DURATION = Number(process.env.BENCH_SECONDS || 20);
const CONNECTIONS = 50;
const SLUG = 'chengdu-wuhou-minzu-tuanjie';

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
}

async function load(url: string, method: 'GET' | 'POST', varyAgent: boolean) {
  let n = 0;
  const result = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: varyAgent
      ? [
          {
            setupRequest: (request) => ({
              ...request,
              headers: {
                ...request.headers,
                'user-agent': `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1 visitor-${n++}`,
              },
            }),
          },
        ]
      : undefined,
  });
  const status204 = result.statusCodeStats?.['204']?.count ?? 0;
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts + result.non2xx,
    status204,
    // Requests still in flight when the run stopped: the server may count them, but their 204
    // never reached autocannon.
    inFlight: Math.max(0, (result.requests.sent ?? 0) - (result.requests.total ?? 0)),
  };
}

async function main() {
  const port = 3197;
  const base = `http://127.0.0.1:${port}`;
  const rows: string[] = [];
  for (const store of ['sqlite', 'redis'] as const) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-views-'));
    const redisPort = 6400;
    const redis =
      store === 'redis'
        ? start(
            'redis-server',
            ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
            {},
          )
        : undefined;
    const env: Record<string, string> =
      store === 'redis'
        ? { VIEWS_STORE: 'redis', REDIS_URL: `redis://127.0.0.1:${redisPort}/0` }
        : { VIEWS_STORE: 'sqlite', VIEWS_DB: path.join(dir, 'views.db') };
    const server = start(
      process.execPath,
      ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
      env,
    );
    try {
      await waitFor(`${base}/api/health`);
      await fetch(`${base}/api/views/${SLUG}`, {
        method: 'POST',
        headers: { 'user-agent': 'Mozilla/5.0 warm-up browser 1' },
      });
      const noop = await load(`${base}/api/health`, 'POST', false);
      const views = await load(`${base}/api/views/${SLUG}`, 'POST', true);
      const reader =
        store === 'redis'
          ? openRedisStore(`redis://127.0.0.1:${redisPort}/0`)
          : openSqliteStore(path.join(dir, 'views.db'));
      const stored = ((await reader.totals([SLUG])).get(SLUG) ?? 0) - 1; // minus the warm-up view
      await reader.close();
      rows.push(
        `| ${store} | ${noop.rps} | ${views.rps} | ${Math.round((views.rps / noop.rps) * 100)}% | ${noop.p99} ms | ${views.p50} / ${views.p99} ms | ${views.errors} | ${views.status204} | ${views.inFlight} | ${stored} | ${stored >= views.status204 && stored <= views.status204 + views.inFlight ? 'yes' : 'NO'} |`,
      );
    } finally {
      server.kill();
      redis?.kill();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.log(
    `POST /api/views/<slug>, autocannon ${CONNECTIONS} connections × ${DURATION} s, a new user agent per request\n`,
  );
  console.log(
    '| store | no-op req/s | counted view req/s | ratio | no-op p99 | view p50 / p99 | errors | 204s | in flight at stop | stored | none lost |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

void main();
