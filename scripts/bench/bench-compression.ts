// npx tsx scripts/bench/bench-compression.ts — what compressing each response costs `next start`
// (issue: mobile speed). The article page from the page cache, with and without
// `Accept-Encoding: gzip`, alternating ROUNDS times (3), 10 connections for 10 s each; req/s and
// the server's CPU time per request. Needs a production build (`npm run build`, same SITE_URL).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startNext, stopGroup, treeCpuSeconds, waitFor } from './bench-server';

const PORT = 3470;
const BASE = `http://127.0.0.1:${PORT}`;
const URL_PATH = '/articles/chengdu-wuhou-minzu-tuanjie';
const ROUNDS = Number(process.env.ROUNDS || 3);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

const server = startNext(process.cwd(), PORT);
try {
  await waitFor(`${BASE}/api/health`);
  const pid = server.pid as number;
  for (let i = 0; i < 50; i += 1) await (await fetch(`${BASE}${URL_PATH}`)).text();
  const results: Record<string, { rps: number[]; cpu: number[]; bytes: number[] }> = {
    gzip: { rps: [], cpu: [], bytes: [] },
    identity: { rps: [], cpu: [], bytes: [] },
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const encoding of ['gzip', 'identity'] as const) {
      const before = treeCpuSeconds(pid);
      const result = await autocannon({
        url: `${BASE}${URL_PATH}`,
        connections: 10,
        duration: 10,
        headers: { 'accept-encoding': encoding },
      });
      const entry = results[encoding] as { rps: number[]; cpu: number[]; bytes: number[] };
      entry.rps.push(result.requests.average);
      entry.cpu.push(((treeCpuSeconds(pid) - before) * 1000) / result.requests.total);
      entry.bytes.push(result.throughput.total / result.requests.total);
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    `article page from the page cache, ${ROUNDS} rounds alternating, medians; load ${load}`,
  );
  console.log('| Accept-Encoding | req/s | server CPU per request | bytes per response |');
  console.log('| --- | --- | --- | --- |');
  for (const [encoding, entry] of Object.entries(results)) {
    console.log(
      `| ${encoding} | ${Math.round(median(entry.rps))} | ${median(entry.cpu).toFixed(2)} ms | ${Math.round(median(entry.bytes))} |`,
    );
  }
} finally {
  stopGroup(server);
}
