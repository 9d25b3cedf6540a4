// The live content version's summaries (what the servers serve), for the benchmarks.
import { readFileSync } from 'node:fs';
import { CURRENT_FILE, versionFiles, type CurrentVersion } from '../../lib/content/paths';
import type { ContentIndex } from '../../lib/content/types';

export function readLiveIndex(): ContentIndex & { version: string } {
  const { version } = JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
  const index = JSON.parse(readFileSync(versionFiles(version).index, 'utf8')) as ContentIndex;
  return { ...index, version };
}
