import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { portOpen } from '../scripts/start/cluster-processes';

/** Until `base` answers /api/health with 204; throws with the output when the process exits first. */
export async function untilHealthy(base: string, server: ChildProcess, output: () => string) {
  let exited: number | string | undefined;
  server.once('exit', (code, signal) => (exited = code ?? signal ?? 'unknown'));
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited (${exited}): ${output()}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A `next start` of its own, on a copy of the suite's build and with a fresh view database, for
 * tests that need a server nobody else sends traffic to, or another clock. `lines()` is what it
 * printed so far (its log: one JSON object per line after Next's banner).
 */
export async function startOwnServer(port: number, env: Record<string, string> = {}) {
  // Else a server already there would answer for the one that could not listen.
  if (await portOpen(port)) throw new Error(`port ${port} is taken: another server is running`);
  const distDir = mkdtempSync(path.join(process.cwd(), '.next-own-'));
  rmSync(distDir, { recursive: true, force: true });
  cpSync(path.join(process.cwd(), '.next'), distDir, { recursive: true });
  const viewsDb = path.join(mkdtempSync(path.join(tmpdir(), 'news-own-')), 'views.db');
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      env: { ...process.env, NEXT_DIST_DIR: path.basename(distDir), VIEWS_DB: viewsDb, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [server.stdout, server.stderr])
    stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // SIGKILL: a server still starting up may not act on SIGTERM, and must not outlive its test.
  const stop = () => {
    server.kill('SIGKILL');
    rmSync(distDir, { recursive: true, force: true });
    rmSync(path.dirname(viewsDb), { recursive: true, force: true });
  };
  try {
    // However long a busy machine takes to start it; the test's own timeout is the bound.
    await untilHealthy(base, server, () => output);
  } catch (error) {
    stop();
    throw error;
  }
  return { base, stop, pid: server.pid as number, lines: () => output.split('\n').filter(Boolean) };
}
