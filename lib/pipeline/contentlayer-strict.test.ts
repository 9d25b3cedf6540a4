// The Contentlayer build itself must refuse a broken article (its default only warns and skips).
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, REPO as repo, testProject } from './test-project';

const run = promisify(execFile);

const valid = `title: 标题
date: 2024-01-24T08:00:00+08:00
category: qinggan
source: 新华每日电讯
`;

// `npm run content` uses our runner (no effect tracing); `npm run dev` uses the CLI. Both must refuse.
// Each with the line it ends a good build with.
const RUNNERS: Record<string, { args: string[]; done: RegExp }> = {
  'npm run content': {
    args: ['--import', 'tsx', path.join(repo, 'scripts/build/content-build.ts')],
    done: /content build: done: 2 documents, 2 parsed/,
  },
  'contentlayer2 build': {
    args: [path.join(repo, 'node_modules/contentlayer2/bin/cli.cjs'), 'build'],
    done: /Generated 2 documents/,
  },
};

async function build(runner: string[], files: Record<string, string>) {
  const project = testProject('cl-strict-');
  const content = path.join(project, 'content');
  const all = { 'categories/qinggan.yml': 'name: 情感\ndescription: 情感\norder: 1\n', ...files };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
    writeFileSync(path.join(content, file), text);
  }
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      runner,
      // Contentlayer takes its working directory from PWD, not from the process.
      {
        cwd: project,
        env: { ...process.env, PWD: project, INIT_CWD: project, CONTENT_DIR: 'content' },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe.each(Object.entries(RUNNERS))('strict Contentlayer build with %s', (_label, runner) => {
  const contentlayerBuild = (files: Record<string, string>) => build(runner.args, files);

  it(
    'builds a valid article',
    async () => {
      const result = await contentlayerBuild({ 'articles/ok.md': `---\n${valid}---\n\n正文。\n` });
      expect(result.output).toMatch(runner.done);
      expect(result.code).toBe(0);
    },
    BUILD_TIMEOUT_MS,
  );

  it.each([
    [
      'a missing required field',
      `---\n${valid.replace('source: 新华每日电讯\n', '')}---\n\n正文。\n`,
      'source',
    ],
    ['an extra field', `---\n${valid}author: 张三\n---\n\n正文。\n`, 'author'],
    ['a mistyped field', `---\n${valid}draft: 是\n---\n\n正文。\n`, 'draft'],
    [
      'a date that does not exist',
      `---\n${valid.replace('2024-01-24', '2024-02-30')}---\n\n正文。\n`,
      'date',
    ],
  ])(
    'fails on %s, naming the file and the field',
    async (_name, text, field) => {
      const result = await contentlayerBuild({ 'articles/2024/broken.md': text });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('articles/2024/broken.md');
      expect(result.output).toContain(field);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    'fails on an unknown document',
    async () => {
      const result = await contentlayerBuild({ 'notes/stray.md': `---\n${valid}---\n\n正文。\n` });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('notes/stray.md');
    },
    BUILD_TIMEOUT_MS,
  );
});
