import 'server-only';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Cards are rendered on first request and kept as files: rendering 10,000 at build time would
// add minutes to every build, and a versioned URL lets browsers and CDNs cache them forever.
const CACHE_DIR = path.join(process.cwd(), '.data', 'og');
const FONT_FILE = path.join(process.cwd(), 'assets', 'fonts', 'og-sans-sc-bold.otf');
const PUBLIC_DIR = path.join(process.cwd(), 'public');

let font: Promise<Buffer> | undefined;
export function ogFont(): Promise<Buffer> {
  font ??= readFile(FONT_FILE);
  return font;
}

export async function cachedCard(key: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path.join(CACHE_DIR, `${key}.png`));
  } catch {
    return undefined;
  }
}

export async function storeCard(key: string, png: Buffer): Promise<void> {
  await mkdir(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `${key}.png`);
  // Write then rename: concurrent first requests must never serve half a file.
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, png);
  await rename(temp, file);
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** The cover as a data: URL for Satori, or undefined when it is missing or of a kind it cannot draw. */
export async function coverDataUrl(sitePath: string | undefined): Promise<string | undefined> {
  if (!sitePath) return undefined;
  const file = path.join(PUBLIC_DIR, sitePath);
  const mime = MIME[path.extname(file).toLowerCase()];
  if (!mime || !file.startsWith(PUBLIC_DIR + path.sep)) return undefined;
  try {
    return `data:${mime};base64,${(await readFile(file)).toString('base64')}`;
  } catch {
    return undefined;
  }
}
