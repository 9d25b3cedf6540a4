// Tests only: a real HTTP server on 127.0.0.1 standing in for IndexNow and Baidu. It records every
// request it is sent and answers as told: `failures` answers (e.g. 503) first, then success. Baidu's
// paths (/urls, /del) get its JSON answer, with `remain` counting down from `baiduQuota`.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = {
  method: string;
  /** Path and query, e.g. /urls?site=…&token=…. */
  url: string;
  contentType: string;
  body: string;
};

export type ReceiverOptions = {
  port?: number;
  /** Statuses answered to the first requests, in order, before it accepts. */
  failures?: number[];
  baiduQuota?: number;
};

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

export async function startReceiver(options: ReceiverOptions = {}) {
  const received: Received[] = [];
  const failures = [...(options.failures ?? [])];
  let remain = options.baiduQuota ?? 100_000;
  const waiters: (() => void)[] = [];
  const server = createServer(async (request, response) => {
    const entry: Received = {
      method: request.method ?? '',
      url: request.url ?? '',
      contentType: request.headers['content-type'] ?? '',
      body: await bodyOf(request),
    };
    received.push(entry);
    for (const wake of waiters.splice(0)) wake();
    const failure = failures.shift();
    if (failure !== undefined) {
      response.writeHead(failure, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    if (/^\/(urls|del)\?/.test(entry.url)) {
      const urls = entry.body.split('\n').filter(Boolean);
      if (remain <= 0) {
        response
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 400, message: 'over quota' }));
        return;
      }
      const success = Math.min(urls.length, remain);
      remain -= success;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ remain, success, not_same_site: [], not_valid: [] }));
      return;
    }
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    /** Until `count` requests have arrived in all (the test's own timeout bounds the wait). */
    async until(count: number): Promise<Received[]> {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
