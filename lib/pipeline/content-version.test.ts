// Which content versions a content build deletes: never one that is live, was live just before,
// or is still served by a running server (however old its directory), and never their bodies.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'content-gc-'));
const versionDir = (name: string) => path.join(dir, 'versions', name);
const bodyOf = (name: string) => path.join(dir, 'bodies', 'ab', `ab${name}.html`);

function makeVersion(name: string, minutesOld: number) {
  mkdirSync(versionDir(name), { recursive: true });
  writeFileSync(path.join(versionDir(name), 'index.json'), '{}');
  writeFileSync(path.join(versionDir(name), 'bodies.txt'), `ab${name}`);
  mkdirSync(path.dirname(bodyOf(name)), { recursive: true });
  writeFileSync(bodyOf(name), `<p>${name}</p>`);
  const at = (Date.now() - minutesOld * 60_000) / 1000;
  for (const file of [versionDir(name), bodyOf(name)]) utimesSync(file, at, at);
}

/** A running server serving `name`, as lib/content/reload.ts holds it: a shared flock (held by
 * flock(1) itself, --close: killing it releases the lock). */
async function serverHolding(name: string): Promise<ChildProcess> {
  const lock = path.join(versionDir(name), 'in-use.lock');
  const holder = spawn('flock', ['--shared', '--close', lock, 'sleep', '60'], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (spawnSync('flock', ['--nonblock', '--exclusive', lock, 'true']).status !== 0) return holder;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  holder.kill();
  throw new Error('the lock was not taken');
}

describe('collectGarbage', () => {
  let server: ChildProcess | undefined;
  beforeAll(() => {
    vi.stubEnv('CONTENT_INDEX_DIR', dir);
    vi.resetModules();
  });
  afterAll(() => {
    server?.kill();
    vi.unstubAllEnvs();
  });

  it('keeps the live version, the one before, and any a running server serves, with their bodies', async () => {
    // v0 was made live again by hand an hour ago and is still served; v1–v3 are older
    // publications nobody serves; v4 was live until v5 was published.
    for (const [index, name] of ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'].entries()) {
      makeVersion(name, 120 - index * 20);
    }
    server = await serverHolding('v0');
    // Its directory keeps its age (creating the lock file touched it).
    const old = (Date.now() - 120 * 60_000) / 1000;
    utimesSync(versionDir('v0'), old, old);
    const { collectGarbage } = await import('./content-version');
    collectGarbage('v5', 'v4');
    const left = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'].filter((name) =>
      existsSync(versionDir(name)),
    );
    expect(left).toEqual(['v0', 'v4', 'v5']);
    expect(existsSync(bodyOf('v0'))).toBe(true);
    expect(existsSync(bodyOf('v1'))).toBe(false);

    // Once no server serves it any more, it goes too.
    server.kill();
    await new Promise((resolve) => server?.once('exit', resolve));
    collectGarbage('v5', 'v4');
    expect(existsSync(versionDir('v0'))).toBe(false);
    expect(existsSync(bodyOf('v0'))).toBe(false);
  });
});
