/**
 * The two ways to serve pictures, measured on the same pictures (docs/adr/009-image-pipeline.md):
 *
 *  A. next/image's optimiser (getImageProps): nothing at build time; each width and format is made
 *     on its first request and kept in .next/cache/images.
 *  B. a build-time sharp pipeline: every width in AVIF and WebP made by the content build.
 *
 *   npm run build   # with SITE_URL=http://127.0.0.1:4320
 *   SITE_URL=http://127.0.0.1:4320 npx tsx scripts/bench/bench-images.ts [--photos 20] [--port 4320]
 *
 * Pictures: the sample illustrations plus N photo-like pictures (noise and gradients, which cost
 * an encoder about what a photo does), 1600 × 900 JPEG, written to public/images/bench/ for the
 * run and removed afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp, { type Sharp } from 'sharp';

const { values } = parseArgs({
  options: { photos: { type: 'string' }, port: { type: 'string' } },
});
const PHOTOS = Number(values.photos ?? 20);
const PORT = Number(values.port ?? 4320);
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = process.cwd();
const BENCH_DIR = path.join(ROOT, 'public', 'images', 'bench');
const SAMPLE_DIR = path.join(ROOT, 'public', 'images', '2024', '01');
const CACHE_DIR = path.join(ROOT, '.next', 'cache', 'images');
// The widths a cover is offered at (next.config.mjs deviceSizes) and a list thumbnail's 1x/2x.
const WIDTHS = [640, 828, 1080, 1280, 1600, 240, 480];
const FORMATS = [
  {
    name: 'avif',
    accept: 'image/avif,image/webp,*/*',
    // next/image's own settings (next/dist/server/image-optimizer/transform.js): the same output.
    encode: (s: Sharp) => s.avif({ quality: Math.round((70 * 50) / 80), effort: 3 }),
  },
  { name: 'webp', accept: 'image/webp,*/*', encode: (s: Sharp) => s.webp({ quality: 70 }) },
] as const;

const ms = (start: number) => performance.now() - start;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;
const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0);

function duSync(dir: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
      const stats = statSync(path.join(dir, entry));
      if (stats.isFile()) total += stats.size;
    }
  } catch {
    return 0;
  }
  return total;
}

async function makePhotos(): Promise<string[]> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < PHOTOS; i += 1) {
    const noise = await sharp({
      create: {
        width: 1600,
        height: 900,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 120 + i, sigma: 40 },
      },
    })
      .blur(1.2)
      .png()
      .toBuffer();
    const tint = `hsl(${(i * 37) % 360} 60% 50%)`;
    const file = path.join(BENCH_DIR, `photo-${i}.jpg`);
    await sharp(noise)
      .composite([
        {
          input: Buffer.from(
            `<svg width="1600" height="900"><rect width="1600" height="900" fill="${tint}" opacity="0.5"/></svg>`,
          ),
          blend: 'over',
        },
      ])
      .jpeg({ quality: 85, mozjpeg: true })
      .toFile(file);
    files.push(file);
  }
  return files;
}

/** B: what a build-time pipeline would do for every picture. */
async function buildTime(files: string[]) {
  const perPicture: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (const file of files) {
    const t = performance.now();
    // The variants of one picture in parallel, as a build would run them on every core.
    const outputs = await Promise.all(
      WIDTHS.flatMap((width) =>
        FORMATS.map((format) =>
          format.encode(sharp(file).resize({ width, withoutEnlargement: true })).toBuffer(),
        ),
      ),
    );
    perPicture.push(ms(t));
    bytes += outputs.reduce((sum, out) => sum + out.length, 0);
  }
  return { total: ms(started), perPicture, bytes };
}

async function startServer() {
  rmSync(CACHE_DIR, { recursive: true, force: true });
  const server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    {
      env: { ...process.env, VIEWS_DB: path.join('/tmp', `bench-images-${PORT}.db`) },
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${BASE}/api/health`)).status === 204) return server;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error('next start did not answer: build first, with the same SITE_URL');
}

/** A: the optimiser, first request (made) and second request (from its disk cache). */
async function onDemand(files: string[]) {
  const server = await startServer();
  try {
    const first: number[] = [];
    const again: number[] = [];
    for (const file of files) {
      const src = `/${path.relative(path.join(ROOT, 'public'), file).split(path.sep).join('/')}`;
      for (const width of WIDTHS) {
        for (const format of FORMATS) {
          const url = `${BASE}/_next/image?url=${encodeURIComponent(src)}&w=${width}&q=70`;
          for (const list of [first, again]) {
            const t = performance.now();
            const response = await fetch(url, { headers: { accept: format.accept } });
            await response.arrayBuffer();
            if (!response.headers.get('content-type')?.includes(format.name)) {
              throw new Error(`${url}: got ${response.headers.get('content-type')}`);
            }
            list.push(ms(t));
          }
        }
      }
    }
    // What one reader's page costs cold: the cover at one width, in one format.
    return { first, again, disk: duSync(CACHE_DIR) };
  } finally {
    server.kill();
  }
}

const photos = await makePhotos();
const samples = readdirSync(SAMPLE_DIR).map((file) => path.join(SAMPLE_DIR, file));
const files = [...samples, ...photos];
const variants = WIDTHS.length * FORMATS.length;
console.log(
  `${files.length} pictures (${samples.length} illustrations, ${photos.length} photo-like), ${variants} variants each, ${cpus().length} cores, sharp ${sharp.versions.sharp}`,
);
try {
  const b = await buildTime(files);
  const perPicture = b.total / files.length;
  console.log('\nB. build-time sharp pipeline (all variants of every picture)');
  console.log(
    `- per picture: median ${fmt(median(b.perPicture))} ms, p95 ${fmt(p95(b.perPicture))} ms`,
  );
  console.log(
    `- illustrations only: ${fmt(b.perPicture.slice(0, samples.length).reduce((a, x) => a + x, 0) / samples.length)} ms; photo-like only: ${fmt(b.perPicture.slice(samples.length).reduce((a, x) => a + x, 0) / Math.max(1, photos.length))} ms`,
  );
  console.log(`- disk: ${fmt(b.bytes / files.length / 1024)} KB per picture`);
  console.log(
    `- at 10,000 articles with one picture each: ${fmt((perPicture * 10_000) / 60_000)} min of build, ${fmt(((b.bytes / files.length) * 10_000) / 1024 ** 3)} GB (every build, unless cached between builds)`,
  );

  const a = await onDemand(files);
  console.log('\nA. next/image optimiser (on first request, then from .next/cache/images)');
  console.log(
    `- first request of a variant: median ${fmt(median(a.first))} ms, p95 ${fmt(p95(a.first))} ms`,
  );
  console.log(`- later requests: median ${fmt(median(a.again))} ms, p95 ${fmt(p95(a.again))} ms`);
  console.log(
    `- disk after every variant was asked for: ${fmt(a.disk / files.length / 1024)} KB per picture`,
  );
  console.log("- build time added: none (the content build reads each picture's size only)");
} finally {
  rmSync(BENCH_DIR, { recursive: true, force: true });
}
