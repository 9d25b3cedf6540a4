// npx tsx scripts/bench/bench-lighthouse.ts — the site's mobile speed against the floor, side by
// side in one run (issue: mobile speed at the App Router's floor).
//
// 1. Builds a bare Next 16 App Router page holding the same article (its title, cover through
//    next/image, and body; no lists, no header) in /tmp/news-bench-bare, from this checkout's
//    node_modules and the site's content build.
// 2. Serves it beside this checkout's production build (`npm run build` first, with the same
//    SITE_URL it runs with; BENCH_SITE_URL defaults to http://127.0.0.1:3460).
// 3. Runs Lighthouse (mobile defaults, simulated throttling) in Debian's Chromium, round-robin,
//    RUNS times (5), over the site's article, home, category and search pages and the bare page,
//    and the article and home page through Debian's nginx with deploy/nginx.conf (port 3462).
// 4. Prints and writes the medians to docs/benchmarks.md between the lighthouse markers.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { bodyFile } from '../../lib/content/paths';
import { nginxMain, nginxSite } from '../start/nginx-site';
import { startNext, stopGroup, waitFor } from './bench-server';
import { readLiveIndex } from './live-index';

const ROOT = process.cwd();
const RUNS = Number(process.env.RUNS || 5);
const SITE_PORT = 3460;
const BARE_PORT = 3461;
const SITE = `http://127.0.0.1:${SITE_PORT}`;
const BARE = `http://127.0.0.1:${BARE_PORT}`;
// The same site behind Debian's nginx with deploy/nginx.conf (static files from disk, page cache,
// gzip): the production layout of docs/deploy.md, one instance.
const NGINX_PORT = 3462;
const NGINX = `http://127.0.0.1:${NGINX_PORT}`;
const SLUG = process.env.BENCH_SLUG || 'chengdu-wuhou-minzu-tuanjie';
const CHROME = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Outside the checkout (inside it, Next would take the site's proxy and instrumentation for the
// bare app's), with a hard-linked copy of node_modules: Turbopack compiles nothing outside its root.
const BARE_DIR = path.join(tmpdir(), 'news-bench-bare');

type Summary = {
  slug: string;
  /** The hash naming its compiled body (lib/content/paths.ts). */
  body: string;
  title: string;
  cover?: string;
  coverAlt?: string;
  coverWidth?: number;
  coverHeight?: number;
};

function buildBare(article: Summary) {
  rmSync(BARE_DIR, { recursive: true, force: true });
  mkdirSync(path.join(BARE_DIR, 'app'), { recursive: true });
  const body = readFileSync(bodyFile(article.body), 'utf8');
  cpSync(path.join(ROOT, 'public'), path.join(BARE_DIR, 'public'), { recursive: true });
  writeFileSync(path.join(BARE_DIR, 'package.json'), '{ "private": true, "type": "module" }\n');
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(BARE_DIR, 'node_modules')]);
  writeFileSync(
    path.join(BARE_DIR, 'next.config.mjs'),
    `export default { images: { formats: ['image/avif', 'image/webp'] } };\n`,
  );
  writeFileSync(
    path.join(BARE_DIR, 'app', 'layout.tsx'),
    `export default function Layout({ children }: { children: React.ReactNode }) {
  return <html lang="zh-CN"><body>{children}</body></html>;
}
`,
  );
  const cover = article.cover
    ? `<Image src=${JSON.stringify(article.cover)} alt=${JSON.stringify(article.coverAlt ?? '')} width={${article.coverWidth}} height={${article.coverHeight}} sizes="100vw" style={{ width: '100%', height: 'auto' }} priority />`
    : '';
  writeFileSync(
    path.join(BARE_DIR, 'app', 'page.tsx'),
    `import Image from 'next/image';
export default function Page() {
  return (
    <main>
      <h1>${article.title}</h1>
      ${cover}
      <div dangerouslySetInnerHTML={{ __html: ${JSON.stringify(body)} }} />
    </main>
  );
}
`,
  );
  writeFileSync(
    path.join(BARE_DIR, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        jsx: 'preserve',
        strict: false,
        skipLibCheck: true,
        esModuleInterop: true,
        moduleResolution: 'bundler',
        module: 'esnext',
        target: 'es2022',
        lib: ['dom', 'esnext'],
        isolatedModules: true,
        noEmit: true,
        allowJs: true,
      },
    }),
  );
  try {
    execFileSync(
      process.execPath,
      [path.join(BARE_DIR, 'node_modules/next/dist/bin/next'), 'build'],
      {
        cwd: BARE_DIR,
        encoding: 'utf8',
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      },
    );
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`the bare page did not build:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

function startNginx(): ChildProcess {
  const dir = path.join(tmpdir(), 'news-bench-nginx');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const site = path.join(dir, 'news.conf');
  writeFileSync(
    site,
    nginxSite(readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8'), {
      listen: { host: '127.0.0.1', port: NGINX_PORT },
      instances: [`127.0.0.1:${SITE_PORT}`],
      paths: {
        pageCache: path.join(dir, 'pages'),
        cardCache: path.join(dir, 'cards'),
        static: path.join(ROOT, '.next', 'static'),
        public: path.join(ROOT, 'public'),
      },
    }),
  );
  const main = path.join(dir, 'nginx.conf');
  writeFileSync(main, nginxMain({ prefix: dir, site, root: process.getuid?.() === 0 }));
  return spawn(
    process.env.NGINX || '/usr/sbin/nginx',
    ['-p', dir, '-c', main, '-e', 'stderr', '-g', 'daemon off;'],
    { stdio: 'ignore', detached: true },
  );
}

async function weight(url: string) {
  // Bytes, not characters: most of the page is Chinese (three bytes each in UTF-8).
  const html = Buffer.from(await (await fetch(url)).arrayBuffer()).toString('utf8');
  const gz = (text: string) => zlib.gzipSync(text).length;
  const payload = [...html.matchAll(/<script[^>]*>self\.__next_f\.push\([\s\S]*?\)<\/script>/g)]
    .map((match) => match[0])
    .join('');
  return {
    html: Buffer.byteLength(html),
    htmlGz: gz(html),
    payload: Buffer.byteLength(payload),
    scripts: (payload.match(/<script/g) ?? []).length,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const index = readLiveIndex() as { articles: Summary[] };
const article = index.articles.find((entry) => entry.slug === SLUG);
if (!article) throw new Error(`no article ${SLUG} in the content index`);
if (!existsSync('.next/BUILD_ID')) throw new Error('build the site first: npm run build');
console.log('building the bare page …');
buildBare(article);

const pages = [
  { name: 'this project: article', url: `${SITE}/articles/${SLUG}` },
  { name: 'bare Next page, same article', url: `${BARE}/` },
  { name: 'this project through nginx: article', url: `${NGINX}/articles/${SLUG}` },
  { name: 'this project: home', url: `${SITE}/` },
  { name: 'this project: category', url: `${SITE}/category/shehui` },
  { name: 'this project: search', url: `${SITE}/search?q=${encodeURIComponent('民族团结')}` },
  { name: 'this project through nginx: home', url: `${NGINX}/` },
];
const site = startNext(ROOT, SITE_PORT, {
  // The build's origin (the server refuses to start with another); as documented above, the
  // default is the address it is served on here.
  SITE_URL: process.env.BENCH_SITE_URL || process.env.SITE_URL || SITE,
});
const bare = startNext(BARE_DIR, BARE_PORT);
const nginx = startNginx();
const chrome = await chromeLauncher.launch({
  chromePath: CHROME,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  await waitFor(`${SITE}/api/health`);
  await waitFor(`${BARE}/`);
  await waitFor(`${NGINX}/api/health`);
  // Warm both servers (rendered pages, optimised images) before measuring.
  for (const { url } of pages) for (let i = 0; i < 2; i += 1) await (await fetch(url)).text();
  const runs = new Map<string, { perf: number; fcp: number; lcp: number; tbt: number }[]>();
  for (let run = 0; run < RUNS; run += 1) {
    for (const { name, url } of pages) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
      });
      const audits = result?.lhr.audits ?? {};
      const value = (id: string) => audits[id]?.numericValue ?? NaN;
      const list = runs.get(name) ?? [];
      list.push({
        perf: Math.round((result?.lhr.categories.performance?.score ?? 0) * 100),
        fcp: value('first-contentful-paint'),
        lcp: value('largest-contentful-paint'),
        tbt: value('total-blocking-time'),
      });
      runs.set(name, list);
    }
    console.log(`round ${run + 1} of ${RUNS} done`);
  }
  const rows: string[] = [];
  for (const { name, url } of pages) {
    const list = runs.get(name) ?? [];
    const w = await weight(url);
    rows.push(
      `| ${name} | ${median(list.map((r) => r.perf))} | ${(median(list.map((r) => r.fcp)) / 1000).toFixed(2)} s | **${(median(list.map((r) => r.lcp)) / 1000).toFixed(2)} s** | ${Math.round(median(list.map((r) => r.tbt)))} ms | ${(w.html / 1024).toFixed(1)} KB (${(w.htmlGz / 1024).toFixed(1)} KB) | ${(w.payload / 1024).toFixed(1)} KB, ${w.scripts} scripts |`,
    );
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const table = [
    `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile defaults, Debian Chromium, ${RUNS} runs round-robin, medians; ${new Date().toISOString().slice(0, 10)}, load average ${load}.`,
    '',
    '| page | perf | FCP | LCP | TBT | HTML (gzip) | inline RSC data |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  console.log(table);
  const docs = readFileSync('docs/benchmarks.md', 'utf8');
  const start = '<!-- lighthouse:start -->';
  const end = '<!-- lighthouse:end -->';
  const block = `${start}\n${table}\n${end}`;
  writeFileSync(
    'docs/benchmarks.md',
    docs.includes(start)
      ? docs.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block)
      : `${docs.trimEnd()}\n\n## Mobile speed against the floor (issue: mobile speed)\n\nCommand: \`npx tsx scripts/bench/bench-lighthouse.ts\` (after \`npm run build\`).\n\n${block}\n`,
  );
} finally {
  await chrome.kill();
  stopGroup(site);
  stopGroup(bare);
  stopGroup(nginx);
}
