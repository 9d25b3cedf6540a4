// Build time: the content directory's files, as paths relative to it with forward slashes.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file below `dir` (dot files left out); a missing folder holds none. `links` is given
 * the symbolic links among them (git sees a link, not the file it points to: source-changes.ts).
 */
export function listSourceFiles(dir: string, prefix = '', links?: string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) links?.push(relative);
    return entry.isDirectory()
      ? listSourceFiles(path.join(dir, entry.name), relative, links)
      : [relative];
  });
}
