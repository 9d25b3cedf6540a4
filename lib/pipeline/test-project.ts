// Test helper: a project of its own for content-build tests, with the code Contentlayer's config
// loads copied in (so a test may change it) and the repository's node_modules linked.
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

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
