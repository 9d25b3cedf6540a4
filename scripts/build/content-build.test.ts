// `npm run content` on a project of its own: only changed files are parsed, deleted and renamed
// files leave the output, a change to the compile code invalidates the cache (one to the version
// writer does not), and whatever the cache held, the output is what a cold build of the same files
// gives.
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { VersionComplete } from '@/lib/content/paths';
import { readCatalogIndex } from '@/lib/pipeline/catalog-reader';
import { listSourceFiles } from '@/lib/pipeline/source-files';
import { BUILD_TIMEOUT_MS, generateCorpus, REPO, testProject } from '@/lib/pipeline/test-project';
import { rankPage } from '@/lib/search/postings';
import { segmentFileName, type SearchManifest } from '@/lib/search/search-db';
import { openSearchVersion } from '@/lib/search/sqlite-source';

const run = promisify(execFile);
const repo = REPO;

async function contentBuild(dir: string) {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(repo, 'scripts/build/content-build.ts')],
    { cwd: dir, env: { ...process.env, PWD: dir, CONTENT_DIR: 'content', CONTENT_INDEX_DIR: '' } },
  );
  const parsed = /(\d+) parsed, (\d+) from the cache; version (\w+)/.exec(stdout);
  if (!parsed) throw new Error(`unexpected output: ${stdout}`);
  return { parsed: Number(parsed[1]), cached: Number(parsed[2]), version: parsed[3] as string };
}

/** Everything a server reads of the live version, bodies included. */
function output(dir: string) {
  const app = path.join(dir, '.contentlayer', 'app');
  const { version } = JSON.parse(readFileSync(path.join(app, 'current.json'), 'utf8')) as {
    version: string;
  };
  // The version as the catalog holds it (a warm build's catalog holds older versions too).
  const whole = readCatalogIndex(path.join(app, 'catalog.db'), version);
  if (!whole) throw new Error(`version ${version} is not in the catalog`);
  const index = JSON.stringify(whole);
  const bodies = whole.articles.map((article) => {
    const file = path.join(app, 'bodies', article.body.slice(0, 2), `${article.body}.html`);
    return `${article.slug}:${readFileSync(file, 'utf8').length}`;
  });
  // Written last, it marks the version complete; when is the build's own.
  const { id, articles } = JSON.parse(
    readFileSync(path.join(app, 'versions', version, 'complete.json'), 'utf8'),
  ) as VersionComplete;
  const complete = { id, articles };
  // The version's search documents: every segment's, less those it leaves out.
  const manifestFile = path.join(app, 'versions', version, 'search.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SearchManifest;
  const segmentsDir = path.join(app, 'search');
  const docs = manifest.segments
    .flatMap((segment) => {
      const db = new Database(path.join(segmentsDir, segmentFileName(segment.name)), {
        readonly: true,
      });
      const rows = db.prepare('SELECT id, slug, title, tags, text FROM docs').all() as {
        id: number;
        slug: string;
      }[];
      db.close();
      return rows
        .filter((row) => !manifest.deleted.includes(row.id))
        .map((row) => ({ ...row, id: undefined }));
    })
    .sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const search = openSearchVersion(manifestFile, segmentsDir);
  search.setVisible(search.visibleAt(Date.now(), true));
  const ranking = ['民族团结', '乡村振兴 成都', '高质量发展', '更正'].map((query) =>
    rankPage(search.source, query, 1, 100).docs.map((doc) => search.source.slug(doc)),
  );
  search.close();
  return { version, index, complete, bodies, docs, ranking };
}

/** The build cache's entries: the current files', once a build has forgotten what it replaced. */
function cachedEntries(dir: string): number {
  const db = new Database(path.join(dir, '.contentlayer', 'cache', 'build-cache.db'), {
    readonly: true,
  });
  try {
    return db.prepare('SELECT COUNT(*) FROM entries').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** The article files of a content directory, sorted, with their full paths. */
function articleFiles(content: string): string[] {
  return readdirSync(path.join(content, 'articles'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => path.join(content, 'articles', file));
}

async function coldBuild(dir: string) {
  rmSync(path.join(dir, '.contentlayer'), { recursive: true, force: true });
  const result = await contentBuild(dir);
  expect(result.cached).toBe(0);
  return output(dir);
}

describe('the incremental content build', () => {
  it(
    'parses only what changed, and gives what a cold build gives',
    async () => {
      const dir = testProject('content-build-');
      const content = path.join(dir, 'content');
      await generateCorpus(content, 40);
      const articles = articleFiles(content);

      const first = await contentBuild(dir);
      // 40 articles, the categories and the 3 site documents (关于我们 …).
      expect(first).toMatchObject({ parsed: 55, cached: 0 });
      const again = await contentBuild(dir);
      expect(again).toEqual({ parsed: 0, cached: 55, version: first.version });

      // A correction: one file parsed.
      const corrected = articles[5] as string;
      writeFileSync(
        corrected,
        readFileSync(corrected, 'utf8').replace(/\ntitle: "/, '\ntitle: "更正：'),
      );
      const afterCorrection = await contentBuild(dir);
      expect(afterCorrection).toMatchObject({ parsed: 1, cached: 54 });
      expect(afterCorrection.version).not.toBe(first.version);
      const warm = output(dir);
      expect(warm.index).toContain('更正：');
      expect(warm.complete).toEqual({ id: afterCorrection.version, articles: 40 });
      expect(cachedEntries(dir)).toBe(55);
      expect(await coldBuild(dir)).toEqual(warm);

      // A deleted file and a renamed one (a new slug): the renamed one is parsed, nothing else.
      const deleted = articles[7] as string;
      const renamed = articles[9] as string;
      const deletedSlug = path.basename(deleted, '.md');
      const oldSlug = path.basename(renamed, '.md');
      rmSync(deleted);
      renameSync(renamed, path.join(path.dirname(renamed), 'renamed-article.md'));
      expect(await contentBuild(dir)).toMatchObject({ parsed: 1, cached: 53 });
      const moved = output(dir);
      for (const slug of [deletedSlug, oldSlug]) {
        expect(moved.index).not.toContain(`"${slug}"`);
        expect(moved.docs.map((doc) => (doc as { slug: string }).slug)).not.toContain(slug);
      }
      expect(moved.index).toContain('"renamed-article"');
      expect(moved.complete.articles).toBe(39);
      expect(cachedEntries(dir)).toBe(54);
      expect(await coldBuild(dir)).toEqual(moved);

      // A new picture under public/: bodies hold their figures' sizes, so everything is compiled again.
      mkdirSync(path.join(dir, 'public', 'images'), { recursive: true });
      await sharp({ create: { width: 4, height: 3, channels: 3, background: '#fff' } })
        .png()
        .toFile(path.join(dir, 'public', 'images', 'new.png'));
      expect(await contentBuild(dir)).toMatchObject({ parsed: 54, cached: 0 });

      // New build code (here the excerpt's module): nothing compiled by the old code is reused.
      appendFileSync(path.join(dir, 'lib/pipeline/text.ts'), '\n// changed\n');
      const recompiled = await contentBuild(dir);
      expect(recompiled).toMatchObject({ parsed: 54, cached: 0 });

      // New version writer code (the catalog's): nothing is compiled again, but the version is
      // another, written again from the cache, and what a cold build gives.
      appendFileSync(path.join(dir, 'lib/pipeline/catalog-writer.ts'), '\n// changed\n');
      const rewritten = await contentBuild(dir);
      expect(rewritten).toMatchObject({ parsed: 0, cached: 54 });
      expect(rewritten.version).not.toBe(recompiled.version);
      const fromCache = output(dir);
      expect(fromCache.version).toBe(rewritten.version);
      expect(await coldBuild(dir)).toEqual(fromCache);
    },
    // Eleven content builds.
    11 * BUILD_TIMEOUT_MS,
  );
});

describe('the content build output', () => {
  it(
    'says what each phase did, with counts and times, and prints no debug lines',
    async () => {
      const dir = testProject('content-build-output-');
      await generateCorpus(path.join(dir, 'content'), 5);
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', path.join(repo, 'scripts/build/content-build.ts')],
        {
          cwd: dir,
          env: { ...process.env, PWD: dir, CONTENT_DIR: 'content', CONTENT_INDEX_DIR: '' },
        },
      );
      const lines = (stdout + stderr).split('\n').filter(Boolean);
      // Contentlayer printed `successCallback <path>` before each of its runs.
      expect(lines.filter((line) => !line.startsWith('内容构建 content build: '))).toEqual([]);
      // A progress line every 10 s while files compile: there are some on a busy machine.
      const progress =
        /^内容构建 content build: {3}\d+ of 20 compiled \(\d+%\), \d+ validated, \d+ s/;
      const phases = lines.filter((line) => !progress.test(line));
      expect(phases.join('\n')).toMatch(
        new RegExp(
          [
            '20 source files in content: 20 new or changed, 0 from the build cache \\(\\d+\\.\\d s\\)',
            'validating .* and compiling 20 files in 1 process',
            'compiled 20 files \\(\\d+\\.\\d s\\)',
            'writing the content version',
            'done: 20 documents, 20 parsed, 0 from the cache; version \\w+ is live',
          ].join('.*\n.*'),
        ),
      );
    },
    BUILD_TIMEOUT_MS,
  );
});

/** A project with `count` generated articles, and a publish of it (check-and-build.ts). */
async function publishProject(prefix: string, count: number) {
  const dir = testProject(prefix);
  const content = path.join(dir, 'content');
  // The generated articles' covers, which the check looks for.
  symlinkSync(path.join(repo, 'public'), path.join(dir, 'public'));
  await generateCorpus(content, count);
  const env = { ...process.env, PWD: dir, CONTENT_DIR: 'content', CONTENT_INDEX_DIR: '' };
  const checkAndBuild = () =>
    run(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'scripts/build/check-and-build.ts')],
      { cwd: dir, env },
    );
  return { dir, content, checkAndBuild };
}

describe('a publish: the content check and build in one process (check-and-build.ts)', () => {
  it(
    'builds from the hashes the check found, and builds nothing when the check fails',
    async () => {
      const { dir, content, checkAndBuild } = await publishProject('check-and-build-', 5);
      const { stdout } = await checkAndBuild();
      expect(stdout).toMatch(/内容检查 content check: \d+ files, 0 errors/);
      expect(stdout).toMatch(/hashing \d+\.\d s \(taken from the content check\)/);
      const version = /version (\w+) is live/.exec(stdout)?.[1];
      expect(version).toBeDefined();
      // The build's own pass over the files finds the same bytes: the same version, nothing parsed.
      expect(await contentBuild(dir)).toMatchObject({ parsed: 0, version });

      // An article whose date does not exist: the check fails and no build starts.
      const [article] = readdirSync(path.join(content, 'articles'), {
        recursive: true,
        encoding: 'utf8',
      }).filter((file) => file.endsWith('.md'));
      const file = path.join(content, 'articles', article as string);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^date: .*$/m, 'date: 2024-02-30'));
      const failed = await checkAndBuild().then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain(`${path.basename(file)}:`);
      expect(failed?.stderr).toContain('date');
      expect(failed?.stdout).not.toContain('内容构建 content build');
      const current = JSON.parse(
        readFileSync(path.join(dir, '.contentlayer', 'app', 'current.json'), 'utf8'),
      ) as { version: string };
      expect(current.version).toBe(version);
    },
    BUILD_TIMEOUT_MS * 3,
  );

  it(
    'reads only the files changed since the last publish when git vouches for the rest',
    async () => {
      const {
        dir,
        content,
        checkAndBuild: publish,
      } = await publishProject('check-and-build-git-', 6);
      const checkAndBuild = async () => (await publish()).stdout;
      const git = (...args: string[]) =>
        run('git', ['-C', content, ...args]).then(({ stdout }) => stdout.trim());
      const commit = async () => {
        await git('add', '-A');
        await git(
          '-c',
          'user.name=编辑',
          '-c',
          'user.email=e@example.com',
          'commit',
          '-qm',
          '发布',
        );
        return git('rev-parse', 'HEAD');
      };
      await git('init', '-q');
      const first = await commit();
      // The first publish lists every file; it keeps the commit it was made at.
      const whole = await checkAndBuild();
      expect(whole).not.toContain('by git');
      expect(whole).toMatch(/hashing \d+\.\d s \(taken from the content check\)/);

      const articles = articleFiles(content);
      const corrected = articles[1] as string;
      writeFileSync(
        corrected,
        readFileSync(corrected, 'utf8').replace(/\ntitle: "/, '\ntitle: "更正：'),
      );
      rmSync(articles[2] as string);
      const second = await commit();
      const published = await checkAndBuild();
      // Both steps read the two files git names, and nothing else.
      expect(published).toMatch(
        new RegExp(
          `内容检查 content check: ${listSourceFiles(content).length} files, 0 errors, .*, 2 changed since ${first.slice(0, 12)} by git`,
        ),
      );
      expect(published).toContain(
        `2 files changed since ${first.slice(0, 12)} (git), 1 of them removed`,
      );
      expect(published).toMatch(/hashing \d+\.\d s \(the changed files, from git\)/);
      const warm = output(dir);
      expect(warm.index).toContain('更正：');
      expect(warm.complete.articles).toBe(5);

      // An edit not committed: the work tree is no commit's, every file is listed again.
      writeFileSync(corrected, readFileSync(corrected, 'utf8').replace('更正：', '再更正：'));
      const dirty = await checkAndBuild();
      expect(dirty).not.toContain('by git');
      expect(dirty).not.toContain('(git)');
      expect(output(dir).index).toContain('再更正：');
      // Committed: the last publish was of no commit, so this one lists every file too; the next
      // one reads what changed since.
      expect(await commit()).not.toBe(second);
      expect(await checkAndBuild()).not.toContain('by git');
      writeFileSync(corrected, readFileSync(corrected, 'utf8').replace('再更正：', '三更正：'));
      await commit();
      expect(await checkAndBuild()).toContain('1 changed since');
      // An article added and removed again between two publishes: its history was touched, it is
      // in neither commit, and the publish is still the change's.
      const passing = path.join(path.dirname(corrected), 'passing-article.md');
      writeFileSync(passing, readFileSync(articles[3] as string, 'utf8'));
      await commit();
      rmSync(passing);
      writeFileSync(corrected, readFileSync(corrected, 'utf8').replace('三更正：', '四更正：'));
      await commit();
      const passed = await checkAndBuild();
      expect(passed).toMatch(/hashing \d+\.\d s \(the changed files, from git\)/);
      expect(passed).not.toContain('writing the version whole');
      const chained = output(dir);
      expect(chained.index).toContain('四更正：');
      expect(chained.index).not.toContain('passing-article');
      expect(await coldBuild(dir)).toEqual(chained);
    },
    BUILD_TIMEOUT_MS * 8,
  );
});
