// npm run cluster -- --instances 2 --port 8080
//
// The production layout on this machine, for a trial: redis-server (unless REDIS_URL is set), N
// `next start` instances on the loopback ports after --port (VIEWS_STORE=redis, TRUST_PROXY=1),
// Redis on the port after those, and Debian's nginx with deploy/nginx.conf on --port. Builds first when there is no build for
// this SITE_URL (or with --build). Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCluster } from './cluster-processes';

function fail(message: string): never {
  console.error(`cluster: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '2' },
    port: { type: 'string', default: '8080' },
    build: { type: 'boolean', default: false },
  },
});
const instances = Number(values.instances);
const port = Number(values.port);
if (!Number.isInteger(instances) || instances < 1 || instances > 16) {
  fail(`--instances must be a whole number from 1 to 16, got "${values.instances}"`);
}
if (!Number.isInteger(port) || port < 1024 || port + instances + 1 > 65_535) {
  fail(`--port must be a free port from 1024 up, with ${instances + 1} more after it`);
}
const siteUrl = process.env.SITE_URL?.trim() || `http://127.0.0.1:${port}`;

/** The SITE_URL the existing build was made with, if there is one. */
function builtFor(): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync('.next/required-server-files.json', 'utf8')) as {
      config?: { env?: Record<string, string> };
    };
    return existsSync('.next/BUILD_ID') ? manifest.config?.env?.NEWS_BUILD_SITE_URL : undefined;
  } catch {
    return undefined;
  }
}

const built = builtFor();
if (values.build || built !== siteUrl) {
  console.log(
    built
      ? `cluster: building for SITE_URL=${siteUrl} (the build in .next is for ${built})`
      : `cluster: building for SITE_URL=${siteUrl}`,
  );
  const result = spawnSync('npm', ['run', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, SITE_URL: siteUrl },
  });
  if (result.status !== 0) fail('the build failed');
} else {
  console.log(`cluster: using the build in .next (SITE_URL=${siteUrl}; --build to rebuild)`);
}

let stopping: Promise<void> | undefined;
const cluster = await startCluster({
  instances,
  port,
  redisUrl: process.env.REDIS_URL?.trim() || undefined,
  // After the instances' ports, so the whole trial sits on --port and the few after it.
  redisPort: port + instances + 1,
  env: { SITE_URL: siteUrl },
  log: (name, line) => {
    if (line.trim()) console.log(`[${name}] ${line}`);
  },
}).catch((error: Error) => fail(error.message));

console.log(
  [
    '',
    `  site:      ${cluster.url}/  (nginx, deploy/nginx.conf)`,
    ...cluster.instances.map(
      (instance) => `  ${instance.name}: ${instance.url}/  (metrics: ${instance.metricsUrl})`,
    ),
    `  redis:     ${cluster.redisUrl}${process.env.REDIS_URL ? '' : `  (data in ${cluster.dir}/redis)`}`,
    '',
    '  Ctrl-C stops them all.',
    '',
  ].join('\n'),
);

// Ctrl-C in a terminal reaches every process of the group at once; each stops by itself, and this
// waits for all of them (and stops those that did not get the signal) before it exits.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopping ??= cluster.stop().then(() => {
      console.log('cluster: stopped');
      process.exit(0);
    });
  });
}
