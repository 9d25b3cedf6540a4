// The live content version's summaries (what the servers serve), for the benchmarks: read whole
// from the catalog.
import { readFileSync } from 'node:fs';
import { CATALOG_FILE, CURRENT_FILE, type CurrentVersion } from '../../lib/content/paths';
import type { ContentIndex } from '../../lib/content/types';
import { readCatalogIndex } from '../../lib/pipeline/catalog-reader';

export function readLiveIndex(): ContentIndex & { version: string } {
  const { version } = JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
  const index = readCatalogIndex(CATALOG_FILE, version);
  if (!index) throw new Error(`content version ${version} is not in ${CATALOG_FILE}`);
  return { ...index, version };
}
