// CONTENT_DIR=/tmp/corpus10000 npx tsx scripts/bench/bench-publish.ts — how long a commit takes
// to reach readers of a running site (docs/adr/013), after `bash scripts/bench/bench-scale.sh`
// built that corpus. The corpus becomes a git repository (once); `next start` and the publisher
// (`npm run content:publish -- --watch 1`) run; three times, an article is committed and the
// clock runs until it is served, on the home page, in its category, in the feed and found by
// search. The commits are undone at the end. Also printed per commit: the phases of the content
// check and build as the publisher logged them, and the bytes of the files the publish wrote
// under CONTENT_INDEX_DIR (the version's files and search segments; the catalog's growth apart).
// Run it from the working tree under test (`cd <tree> && npx tsx <this file>`).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { env } from '../../lib/env';
import { waitFor } from './bench-server';

const indexDir = path.resolve(env.contentIndexDir);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Bytes of the files below `dir` modified at or after `since` (ms), the catalog's apart. */
function writtenSince(dir: string, since: number): { files: number; catalog: number } {
  let files = 0;
  let catalog = 0;
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'bodies') walk(full);
        continue;
      }
      const stat = statSync(full);
      if (stat.mtimeMs < since) continue;
      if (entry.name.startsWith('catalog.db')) catalog += stat.size;
      else if (!entry.name.endsWith('.lock')) files += stat.size;
    }
  };
  walk(dir);
  return { files, catalog };
}

const PORT = Number(process.env.BENCH_PORT || 4531);
const BASE = `http://127.0.0.1:${PORT}`;
const content = path.resolve(env.contentDir);
const identity = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (...args: string[]) =>
  execFileSync('git', ['-C', content, ...args], {
    env: { ...process.env, ...identity },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).trim();

async function text(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${BASE}${url}`);
  return { status: response.status, body: await response.text() };
}

async function main() {
  if (!existsSync(path.join(content, '.git'))) {
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'corpus');
  }
  const initial = git('rev-parse', 'HEAD');
  const server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    { stdio: 'ignore', env: { ...process.env, VIEWS_DB: `/tmp/bench-publish-views-${PORT}.db` } },
  );
  const publisher = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/build/publish.ts', '--watch', '1'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const log: string[] = [];
  publisher.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  try {
    await waitFor(`${BASE}/api/health`);
    // The publisher's first round publishes what is there (nothing new); let it finish.
    while (!log.join('').includes('published')) await new Promise((r) => setTimeout(r, 200));
    const rows: string[] = [];
    console.log(
      '| commit | content check + build | served, listed, in the feed and found | load at commit |',
    );
    console.log('| --- | --- | --- | --- |');
    for (let n = 1; n <= 3; n += 1) {
      for (const url of ['/', '/category/shehui', '/feed.xml']) await text(url);
      const slug = `bench-publish-${Date.now()}`;
      const word = `基准词${n}号`;
      const dir = path.join(content, 'articles', 'bench');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, `${slug}.md`),
        `---\ntitle: 发布测试第${n}篇\ndate: ${new Date(Date.now() - 60_000).toISOString()}\ncategory: shehui\nsource: 本站综合\ntags: [发布测试]\n---\n\n${word}出现在这篇文章里。\n`,
      );
      const load = loadavg()[0]?.toFixed(2);
      const before = log.length;
      git('add', '-A');
      git('commit', '-qm', `发布测试第${n}篇`);
      const committed = performance.now();
      const committedAt = Date.now();
      for (;;) {
        const [article, home, category, feed, search] = await Promise.all([
          text(`/articles/${slug}`),
          text('/'),
          text('/category/shehui'),
          text('/feed.xml'),
          text(`/search?q=${encodeURIComponent(word)}`),
        ]);
        const everywhere =
          article.status === 200 &&
          [home, category, feed, search].every((page) => page.body.includes(slug));
        if (everywhere) break;
        if (performance.now() - committed > 180_000)
          throw new Error(`${slug} not served after 3 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const seconds = ((performance.now() - committed) / 1000).toFixed(1);
      // Readers get the article once the version is live, a moment before the publisher's last
      // lines: wait for them (bounded) before reading the phases.
      for (let waited = 0; waited < 30_000 && !/published /.test(log.slice(before).join(''));) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        waited += 100;
      }
      const output = log.slice(before).join('');
      const published = /published [^\n]* in ([\d.]+) s/.exec(output)?.[1];
      console.log(`| ${n} | ${published ?? '?'} s | ${seconds} s | ${load} |`);
      const check = /content check: [^\n]*\((\d+) ms[,)]/.exec(output)?.[1];
      const phases =
        /\(([\d.]+) s: hashing ([\d.]+) s(?: \([^)]*\))?, validating and compiling ([\d.]+) s, writing the version ([\d.]+) s\)/.exec(
          output,
        );
      const search = /search index: ([^\n]*)/.exec(output)?.[1] ?? '';
      const written = writtenSince(indexDir, committedAt - 1000);
      rows.push(
        `| ${n} | ${check ? (Number(check) / 1000).toFixed(1) : '?'} s | ${phases?.[1] ?? '?'} s | ` +
          `${phases?.[2] ?? '?'} s | ${phases?.[3] ?? '?'} s | ${phases?.[4] ?? '?'} s | ` +
          `${megabytes(written.files)} | ${megabytes(written.catalog)} | ${search} |`,
      );
    }
    console.log(
      '\n| commit | check | build | of it: hashing | compiling | writing the version | files written | catalog file (size) | search |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
  } finally {
    publisher.kill();
    server.kill();
    git('reset', '-q', '--hard', initial);
  }
}

void main();
