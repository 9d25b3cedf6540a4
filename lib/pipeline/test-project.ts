// Test helper: a project of its own for content-build tests, with the code Contentlayer's config
// loads copied in (so a test may change it) and the repository's node_modules linked.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const REPO = path.resolve(__dirname, '..', '..');

/**
 * The time a test may take per content build it runs in a child process. A build of a few files
 * takes about 5 s on an idle 2-core machine and a minute when the machine runs 30 other jobs
 * (measured): there is nothing to wait for but the CPU, so the bound only catches a build that
 * hangs, and grows with the number of builds a test runs.
 */
export const BUILD_TIMEOUT_MS = 120_000;

export function testProject(prefix: string): string {
  const project = mkdtempSync(path.join(tmpdir(), prefix));
  for (const entry of [
    'contentlayer.config.ts',
    'lib',
    'config',
    'package.json',
    'tsconfig.json',
  ]) {
    cpSync(path.join(REPO, entry), path.join(project, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(project, 'node_modules'));
  return project;
}

/** Writes `count` synthetic articles (scripts/bench/generate-articles.ts) to `dir`. */
export async function generateCorpus(dir: string, count: number): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO, 'scripts/bench/generate-articles.ts'),
      '--count',
      String(count),
      '--out',
      dir,
    ],
    { cwd: REPO },
  );
}
