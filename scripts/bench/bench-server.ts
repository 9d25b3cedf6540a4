// Shared by the benchmark scripts: starting, stopping and measuring servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Waits until a freshly started server answers. */
export async function waitFor(url: string, attempts = 200) {
  for (let i = 0; i < attempts; i += 1) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * `next start` in `dir` on a loopback port, in a process group of its own, so that stopGroup()
 * stops whatever it runs the server in.
 */
export function startNext(
  dir: string,
  port: number,
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(
    process.execPath,
    [
      path.join(dir, 'node_modules/next/dist/bin/next'),
      'start',
      '-H',
      '127.0.0.1',
      '-p',
      String(port),
    ],
    { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore', detached: true },
  );
}

/**
 * Starts each checkout's build (startNext) with its build's SITE_URL and a fresh view database
 * named after `bench`, for the benchmarks that compare checkouts side by side.
 */
export function startCheckouts(
  bench: string,
  targets: { name: string; dir: string; port: number; siteUrl?: string | undefined }[],
): ChildProcess[] {
  return targets.map((target) =>
    startNext(target.dir, target.port, {
      ...(target.siteUrl ? { SITE_URL: target.siteUrl } : {}),
      VIEWS_DB: `/tmp/${bench}-${target.name}-${target.port}.db`,
    }),
  );
}

/** Stops a process started with `detached: true`, and everything it started. */
export function stopGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

// `next start` may run the server in a child of the CLI process; measure the one that serves.
export function serverPid(cliPid: number): number {
  try {
    const children = readFileSync(`/proc/${cliPid}/task/${cliPid}/children`, 'utf8').trim();
    return Number(children.split(/\s+/)[0]) || cliPid;
  } catch {
    return cliPid;
  }
}

/** CPU seconds (user and system) of a process and all its descendants. */
export function treeCpuSeconds(root: number): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      parent.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone
    }
  }
  let total = 0;
  for (const [pid, seconds] of cpu) {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += seconds;
        break;
      }
    }
  }
  return total;
}
