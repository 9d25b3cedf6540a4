import 'server-only';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics } from 'prom-client';
import { markInternalServer } from '@/lib/http/node-server';
import { log } from './log.mjs';
import { metrics } from './metrics.mjs';

// The metrics are served on a port of their own (METRICS_PORT, on METRICS_HOST: 127.0.0.1 by
// default), never on the site's port: nginx proxies only the site's ports, so the public never
// reaches them, and a scrape cannot be answered from a cache or counted as a reader's request
// (docs/adr/017-metrics-port-and-json-logs.md).

const KEY = Symbol.for('news.metrics-server');
const globals = globalThis as typeof globalThis & { [KEY]?: Server };

/**
 * Starts the metrics server once per process. A port that cannot be opened logs one line and the
 * site goes on without metrics: readers matter more than graphs, and Prometheus reports the
 * target down.
 */
export function startMetricsServer(address: { host: string; port: number }): Server {
  const running = globals[KEY];
  if (running) return running;
  const { registry } = metrics();
  // Process and Node metrics: CPU, memory, heap, GC, handles, event-loop lag.
  collectDefaultMetrics({ register: registry });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('404 Not Found: the metrics are at /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' });
      response.end();
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, {
          'content-type': registry.contentType,
          'cache-control': 'no-store',
        });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`500 ${error.message}\n`);
      },
    );
  });
  markInternalServer(server);
  const where = `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
  server.on('error', (error: NodeJS.ErrnoException) => {
    log.error(
      `[metrics] cannot serve metrics on ${where} (${error.code ?? error.message}); ` +
        'this instance runs without them: set METRICS_PORT to a free port',
    );
  });
  server.listen(address.port, address.host, () => {
    log.info(`[metrics] Prometheus metrics at http://${where}/metrics`);
  });
  // Never what keeps the process alive: Next's own server does that.
  server.unref();
  globals[KEY] = server;
  return server;
}
