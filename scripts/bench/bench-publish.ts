// CONTENT_DIR=/tmp/corpus10000 npx tsx scripts/bench/bench-publish.ts — how long a commit takes
// to reach readers of a running site (docs/adr/013), after `bash scripts/bench/bench-scale.sh`
// built that corpus. The corpus becomes a git repository (once); `next start` and the publisher
// (`npm run content:publish -- --watch 1`) run; three times, an article is committed and the
// clock runs until it is served, on the home page, in its category, in the feed and found by
// search. The commits are undone at the end.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { env } from '../../lib/env';
import { waitFor } from './bench-server';

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
      const published = /published [^\n]* in ([\d.]+) s/.exec(log.slice(before).join(''))?.[1];
      console.log(`| ${n} | ${published ?? '?'} s | ${seconds} s | ${load} |`);
    }
  } finally {
    publisher.kill();
    server.kill();
    git('reset', '-q', '--hard', initial);
  }
}

void main();
