// A load that stops by itself and accounts for every request: `connections` keep-alive
// connections, each sending one request after another until `seconds` have passed, then waiting
// for its last answer. Nothing is left in flight at the end, so "acknowledged" is exact (autocannon
// stops with requests still in flight, whose answers it never reads). Loopback targets only.
import { Agent, request as httpRequest } from 'node:http';

export type LoadRequest = {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** How the result counts it (default: the method). */
  kind?: string;
};

export type LoadResult = {
  /** Requests answered, by kind and status. */
  statuses: Record<string, Record<number, number>>;
  /** Requests that got no complete answer: refused, reset, cut short, timed out. */
  failures: string[];
  /** Requests answered. */
  total: number;
  seconds: number;
  /** Latencies in ms, sorted. */
  latencies: number[];
};

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function send(agent: Agent, port: number, spec: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: spec.method,
        path: spec.path,
        headers: { ...(spec.method === 'POST' ? { 'content-length': '0' } : {}), ...spec.headers },
        timeout: 30_000,
      },
      (response) => {
        response.on('data', () => undefined);
        response.on('end', () => {
          if (response.complete) resolve(response.statusCode ?? 0);
          else reject(new Error(`${spec.method} ${spec.path}: answer cut short`));
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`${spec.method} ${spec.path}: timed out`)),
    );
    request.on('error', (error) =>
      reject(new Error(`${spec.method} ${spec.path}: ${error.message}`)),
    );
    request.end();
  });
}

/** What `during` can ask of the load while it runs. */
export type LoadProgress = {
  /** Requests answered so far. */
  answered(): number;
  /** Until at least `count` requests have been answered. */
  untilAnswered(count: number): Promise<void>;
};

/**
 * Runs the load against 127.0.0.1:`port` for `seconds`, or until `during` has finished if that is
 * later; `next(n)` gives the n-th request. `during` runs beside it (to kill or restart a server in
 * the middle).
 */
export async function boundedLoad(options: {
  port: number;
  connections: number;
  seconds: number;
  next: (n: number) => LoadRequest;
  during?: (progress: LoadProgress) => Promise<void>;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const statuses: LoadResult['statuses'] = {};
  const failures: string[] = [];
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + options.seconds * 1000;
  let n = 0;
  // The load goes on until `during` has finished too, so whatever it does happens under load.
  let duringDone = !options.during;
  const worker = async () => {
    while (performance.now() < end || !duringDone) {
      const spec = options.next(n);
      n += 1;
      const sent = performance.now();
      try {
        const status = await send(agent, options.port, spec);
        const kind = (statuses[spec.kind ?? spec.method] ??= {});
        kind[status] = (kind[status] ?? 0) + 1;
        latencies.push(performance.now() - sent);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  const progress: LoadProgress = {
    answered: () => latencies.length,
    async untilAnswered(count) {
      while (latencies.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
  const [, duringError] = await Promise.all([
    Promise.all(Array.from({ length: options.connections }, worker)),
    options.during?.(progress).then(
      () => {
        duringDone = true;
      },
      (error: unknown) => {
        duringDone = true;
        return error;
      },
    ),
  ]);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (duringError) throw duringError;
  latencies.sort((a, b) => a - b);
  return { statuses, failures, total: latencies.length, seconds, latencies };
}
