// Build time: the content directory's files, as paths relative to it with forward slashes.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file below `dir` (dot files left out); a missing folder holds none. */
export function listSourceFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listSourceFiles(path.join(dir, entry.name), relative) : [relative];
  });
}
