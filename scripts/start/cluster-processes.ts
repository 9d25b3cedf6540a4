// The production layout on one machine: redis-server, N `next start` instances and Debian's nginx
// with deploy/nginx.conf, each on its own loopback port, with every file under one temporary
// directory. Used by `npm run cluster` (scripts/start/cluster.ts), the cluster tests
// (e2e/cluster.spec.ts) and the cluster benchmark. Every process it starts it stops by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nginxMain, nginxSite } from './nginx-site';

const HOST = '127.0.0.1';
const NGINX = '/usr/sbin/nginx';

export type Service = {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
};

export type Instance = {
  name: string;
  port: number;
  url: string;
  /** Its Prometheus metrics, on the loopback interface only (never behind nginx). */
  metricsUrl: string;
  service?: Service;
};

/** An instance's metrics port after --port: the server's own default (lib/env.ts). */
const METRICS_PORT_OFFSET = 10_000;

export type ClusterOptions = {
  instances: number;
  /** nginx's port; instances take the ports after it. Undefined: free ports, no nginx if false. */
  port?: number;
  nginx?: boolean;
  /** An existing Redis; undefined starts redis-server on `redisPort` (default: a free port). */
  redisUrl?: string;
  redisPort?: number;
  /** Served by nginx as public/ (default: the project's). */
  publicDir?: string;
  /** Changes the generated nginx site file (benchmarks only: the page cache turned off). */
  nginxSite?: (site: string) => string;
  /** The project directory the instances run in (the build is its `.next`). */
  cwd?: string;
  /** More environment for every instance (SITE_URL, NEWS_TEST_NOW, ...). */
  env?: Record<string, string>;
  /** Each line a process prints; default: appended to <dir>/<name>.log. */
  log?: (name: string, line: string) => void;
  /** Leave the directory (logs, Redis data) in place after stop(). */
  keep?: boolean;
};

export type Cluster = {
  dir: string;
  /** nginx's address, when it runs. */
  url: string;
  redisUrl: string;
  instances: Instance[];
  startInstance(index: number): Promise<void>;
  stopInstance(index: number, signal?: NodeJS.Signals): Promise<number | string | undefined>;
  /** Stops the Redis this cluster started (SIGKILL: a crash), and starts it again on its data. */
  stopRedis(signal?: NodeJS.Signals): Promise<void>;
  startRedis(): Promise<void>;
  stop(): Promise<void>;
};

/** The kernel's range for the local ends of outgoing connections; undefined where it has none. */
export function outgoingPortRange(): [number, number] | undefined {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return low && high ? [low, high] : undefined;
  } catch {
    return undefined;
  }
}

/** Listens on the port (0: any) and closes again; the port, or undefined when it was taken. */
function tryPort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, HOST, () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

/** Where free ports are looked for: above the tests' fixed ports (E2E_PORT and + 10,000). */
const FREE_PORTS_FROM = 20_000;
/**
 * Ports this process has handed out: each is closed again until its process listens, so a later
 * pick (another instance's, its metrics') could otherwise be the same one.
 */
const handedOut = new Set<number>();

/**
 * A port nothing listens on, for a process that listens on it seconds later. It is taken below
 * the kernel's range for outgoing connections: a port from that range (what listening on port 0
 * gives) can meanwhile become the local end of a connection, and the process then fails to
 * listen (an instance's metrics port did, in CI, under the load of two test workers).
 */
export async function freePort(): Promise<number> {
  const below = outgoingPortRange()?.[0] ?? 0;
  for (let attempt = 0; below - FREE_PORTS_FROM >= 1000 && attempt < 50; attempt += 1) {
    const pick = FREE_PORTS_FROM + Math.floor(Math.random() * (below - FREE_PORTS_FROM));
    if (handedOut.has(pick)) continue;
    handedOut.add(pick);
    if ((await tryPort(pick)) === pick) return pick;
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await tryPort(0);
    if (port && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port on ${HOST}`);
}

/** True when something accepts connections on the port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, service: Service | undefined, check: () => Promise<boolean>) {
  let exit: number | string | undefined;
  void service?.exited.then((code) => (exit = code));
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (exit !== undefined) throw new Error(`${what} exited (${exit}) before it was ready`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within 60 s`);
}

// Whatever is still running when this process exits (a test runner ending a worker, an
// uncaught error) is killed with it rather than left behind.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; log: (name: string, line: string) => void },
): Service {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) options.log(name, line);
    });
  }
  running.add(child);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', (error) => {
      options.log(name, `could not start ${command}: ${error.message}`);
      resolve('error');
    });
  });
  return { name, child, exited };
}

/**
 * Sends `signal` to the process, and SIGKILL if it has not exited within `graceMs`. Resolves
 * with how it ended: its exit status, or the signal that ended it ('SIGKILL' when the grace ran
 * out); undefined when it had already exited.
 */
export async function stopService(
  service: Service,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 15_000,
): Promise<number | string | undefined> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return undefined;
  service.child.kill(signal);
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  const ended = await service.exited;
  clearTimeout(timer);
  return ended;
}

async function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const cwd = options.cwd ?? process.cwd();
  const dir = mkdtempSync(path.join(tmpdir(), 'news-cluster-'));
  const logs = new Map<string, ReturnType<typeof createWriteStream>>();
  const log =
    options.log ??
    ((name: string, line: string) => {
      let stream = logs.get(name);
      if (!stream) {
        stream = createWriteStream(path.join(dir, `${name}.log`), { flags: 'a' });
        logs.set(name, stream);
      }
      stream.write(`${line}\n`);
    });
  const withNginx = options.nginx !== false;
  const nginxPort = options.port ?? (withNginx ? await freePort() : 0);
  const instances: Instance[] = [];
  for (let index = 0; index < options.instances; index += 1) {
    const port = options.port ? options.port + 1 + index : await freePort();
    const metricsPort =
      options.port && port + METRICS_PORT_OFFSET <= 65_535
        ? port + METRICS_PORT_OFFSET
        : await freePort();
    instances.push({
      name: `instance-${String.fromCharCode(97 + index)}`,
      port,
      url: `http://${HOST}:${port}`,
      metricsUrl: `http://${HOST}:${metricsPort}/metrics`,
    });
  }
  for (const port of [
    ...(withNginx ? [nginxPort] : []),
    ...instances.flatMap((i) => [i.port, Number(new URL(i.metricsUrl).port)]),
  ]) {
    if (await portOpen(port)) throw new Error(`port ${port} on ${HOST} is already in use`);
  }

  let redis: Service | undefined;
  let redisUrl = options.redisUrl ?? '';
  const redisPort = options.redisUrl ? 0 : (options.redisPort ?? (await freePort()));
  if (redisPort && (await portOpen(redisPort))) {
    throw new Error(`port ${redisPort} on ${HOST} is already in use`);
  }
  const startRedis = async () => {
    if (options.redisUrl) throw new Error('this cluster uses a Redis it did not start');
    mkdirSync(path.join(dir, 'redis'), { recursive: true });
    // AOF with fsync every second, as docs/deploy.md recommends: a crash loses at most the last
    // second of views.
    redis = run(
      'redis',
      'redis-server',
      [
        '--port',
        String(redisPort),
        '--bind',
        HOST,
        '--dir',
        path.join(dir, 'redis'),
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--daemonize',
        'no',
      ],
      { cwd, env: process.env, log },
    );
    await until('redis-server', redis, () => redisPing(redisPort));
  };

  const startInstance = async (index: number) => {
    const instance = instances[index];
    if (!instance) throw new Error(`no instance ${index}`);
    if (
      instance.service &&
      instance.service.child.exitCode === null &&
      instance.service.child.signalCode === null
    ) {
      throw new Error(`${instance.name} is running`);
    }
    const service = run(
      instance.name,
      process.execPath,
      ['node_modules/next/dist/bin/next', 'start', '-H', HOST, '-p', String(instance.port)],
      {
        cwd,
        log,
        env: {
          ...process.env,
          ...options.env,
          VIEWS_STORE: 'redis',
          REDIS_URL: redisUrl,
          TRUST_PROXY: '1',
          METRICS_PORT: new URL(instance.metricsUrl).port,
        },
      },
    );
    instance.service = service;
    await until(
      instance.name,
      service,
      async () => (await fetch(`${instance.url}/api/health`)).status === 204,
    );
  };

  const stopInstance = async (index: number, signal: NodeJS.Signals = 'SIGTERM') => {
    const service = instances[index]?.service;
    return service ? stopService(service, signal) : undefined;
  };

  let nginx: Service | undefined;
  const stop = async () => {
    if (nginx) await stopService(nginx, 'SIGQUIT', 5_000);
    await Promise.all(instances.map((_, index) => stopInstance(index)));
    if (redis) await stopService(redis);
    for (const stream of logs.values()) stream.end();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };

  try {
    if (!options.redisUrl) {
      redisUrl = `redis://${HOST}:${redisPort}/0`;
      await startRedis();
    }
    await Promise.all(instances.map((_, index) => startInstance(index)));
    if (withNginx) {
      const site = path.join(dir, 'nginx', 'news.conf');
      mkdirSync(path.join(dir, 'nginx', 'temp'), { recursive: true });
      const change = options.nginxSite ?? ((text: string) => text);
      writeFileSync(
        site,
        change(
          nginxSite(readFileSync(path.join(cwd, 'deploy', 'nginx.conf'), 'utf8'), {
            listen: { host: HOST, port: nginxPort },
            instances: instances.map((instance) => `${HOST}:${instance.port}`),
            paths: {
              pageCache: path.join(dir, 'nginx', 'pages'),
              cardCache: path.join(dir, 'nginx', 'cards'),
              static: path.join(cwd, options.env?.NEXT_DIST_DIR || '.next', 'static'),
              public: options.publicDir ?? path.join(cwd, 'public'),
            },
          }),
        ),
      );
      const main = path.join(dir, 'nginx', 'nginx.conf');
      writeFileSync(
        main,
        nginxMain({ prefix: path.join(dir, 'nginx'), site, root: process.getuid?.() === 0 }),
      );
      nginx = run(
        'nginx',
        NGINX,
        ['-p', path.join(dir, 'nginx'), '-c', main, '-e', 'stderr', '-g', 'daemon off;'],
        { cwd, env: process.env, log },
      );
      await until('nginx', nginx, () => portOpen(nginxPort));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    dir,
    url: `http://${HOST}:${nginxPort}`,
    redisUrl,
    instances,
    startInstance,
    stopInstance,
    async stopRedis(signal: NodeJS.Signals = 'SIGKILL') {
      if (redis) await stopService(redis, signal);
    },
    startRedis,
    stop,
  };
}
