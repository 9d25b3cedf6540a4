// Every unit test that needs files makes them under os.tmpdir(). Pointing TMPDIR at one folder per
// run, removed at the end, keeps a developer's /tmp from collecting ~40 folders on every run; the
// workers inherit the variable when they start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'vitest-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
