// npx tsx scripts/bench/bench-observability.ts — what the request log and the metrics cost
// (issue 20). Needs a production build (`npm run build`, same SITE_URL).
//
// 1. In this process: what the server hook adds to each request (lib/http/node-server.ts): the
//    metrics (a counter, a histogram, the page-cache counter) and one JSON log line written to
//    /dev/null, ROUNDS rounds of 200,000, the median time per request.
// 2. `next start` with LOG_LEVEL=info (a line per request) against LOG_LEVEL=warn (none), the
//    same build, alternating ROUNDS times (3), 10 connections for 10 s each on /api/health and on
//    the article page from the cache: req/s and the server's CPU time per request. The log goes to
//    /dev/null here; journald costs more.
import { openSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { createLogger } from '../../lib/observability/log.mjs';
import { recordRequest } from '../../lib/observability/metrics.mjs';
import pino from 'pino';
import { startNext, stopGroup, treeCpuSeconds, waitFor } from './bench-server';

const PORT = Number(process.env.PORT || 4250);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.ROUNDS || 3);
const PATHS = ['/api/health', '/articles/chengdu-wuhou-minzu-tuanjie'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function inProcess() {
  const logger = createLogger({
    destination: pino.destination({ dest: openSync('/dev/null', 'w'), sync: true }),
  });
  const perRequest: Record<string, number[]> = { metrics: [], 'metrics and log line': [] };
  const count = 200_000;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const what of Object.keys(perRequest)) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i += 1) {
        const seconds = (i % 100) / 1000;
        recordRequest({ route: 'article', method: 'GET', status: 200, seconds, cache: 'HIT' });
        if (what !== 'metrics')
          logger.info(
            {
              reqId: '6f1c7e1e-8f2b-4c61-9d59-3f0f0c1b2a3d',
              method: 'GET',
              route: 'article',
              path: '/articles/chengdu-wuhou-minzu-tuanjie',
              status: 200,
              ms: seconds * 1000,
              cache: 'HIT',
            },
            'request',
          );
      }
      perRequest[what]?.push(Number(process.hrtime.bigint() - started) / count / 1000);
    }
  }
  console.log(`In process, ${ROUNDS} rounds of ${count}, medians; load ${load()}`);
  console.log('| per request | µs |');
  console.log('| --- | --- |');
  for (const [what, values] of Object.entries(perRequest))
    console.log(`| ${what} | ${median(values).toFixed(2)} |`);
}

async function server() {
  const results = new Map<string, { rps: number[]; cpu: number[] }>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const level of ['info', 'warn']) {
      const next = startNext(process.cwd(), PORT, {
        LOG_LEVEL: level,
        METRICS_PORT: String(PORT + 1),
      });
      try {
        await waitFor(`${BASE}/api/health`);
        for (const path of PATHS)
          for (let i = 0; i < 50; i += 1) await (await fetch(`${BASE}${path}`)).text();
        for (const path of PATHS) {
          const before = treeCpuSeconds(next.pid as number);
          const result = await autocannon({ url: `${BASE}${path}`, connections: 10, duration: 10 });
          const key = `${path} LOG_LEVEL=${level}`;
          const entry = results.get(key) ?? { rps: [], cpu: [] };
          entry.rps.push(result.requests.average);
          entry.cpu.push(
            ((treeCpuSeconds(next.pid as number) - before) * 1000) / result.requests.total,
          );
          results.set(key, entry);
        }
      } finally {
        stopGroup(next);
        // The next round's server must not find this one still answering on the port.
        for (;;) {
          try {
            await fetch(`${BASE}/api/health`);
          } catch {
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  }
  console.log(`\nnext start, ${ROUNDS} rounds alternating, medians; load ${load()}`);
  console.log('| path | log | req/s | server CPU per request |');
  console.log('| --- | --- | --- | --- |');
  for (const [key, entry] of results) {
    const [path, level] = key.split(' ');
    console.log(
      `| ${path} | ${level} | ${Math.round(median(entry.rps))} | ${median(entry.cpu).toFixed(3)} ms |`,
    );
  }
}

inProcess();
await server();
