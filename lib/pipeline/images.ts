// Build time: what the content build and the content check know of the pictures under public/
// (size in pixels and bytes), read once per run from the files' headers with sharp.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageInfo } from '../content/rules';

const IMAGE_FILE = /\.(?:jpe?g|png|webp|avif|gif)$/i;

/** Site path (/images/a.jpg) → its size, for every picture under `publicDir`. */
export async function readImageCatalog(publicDir: string): Promise<Map<string, ImageInfo>> {
  const catalog = new Map<string, ImageInfo>();
  let files: string[];
  try {
    files = (await readdir(publicDir, { recursive: true })).filter((file) => IMAGE_FILE.test(file));
  } catch {
    return catalog;
  }
  // A bounded pool: a publisher's archive can hold thousands of pictures.
  const queue = [...files];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
        const full = path.join(publicDir, file);
        try {
          const [meta, stats] = await Promise.all([sharp(full).metadata(), stat(full)]);
          if (!meta.width || !meta.height) continue;
          catalog.set(`/${file.split(path.sep).join('/')}`, {
            width: meta.autoOrient?.width ?? meta.width,
            height: meta.autoOrient?.height ?? meta.height,
            bytes: stats.size,
          });
        } catch {
          // Not a picture sharp can read: the check reports it as missing where it is used.
        }
      }
    }),
  );
  return catalog;
}
