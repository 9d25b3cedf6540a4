import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A `next start` of its own, on a copy of the suite's build and with a fresh view database, for
 * tests that need a server nobody else sends traffic to, or another clock.
 */
export async function startOwnServer(port: number, env: Record<string, string> = {}) {
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
      stdio: 'ignore',
    },
  );
  const stop = () => {
    server.kill();
    rmSync(distDir, { recursive: true, force: true });
    rmSync(path.dirname(viewsDb), { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 150; attempt += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).status === 204) return { base, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop();
  throw new Error(`the server on port ${port} did not start`);
}
