import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '..', '..');

async function newArticle(contentDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      path.join(repo, 'node_modules/.bin/tsx'),
      [path.join(repo, 'scripts/editor/new-article.ts'), ...args],
      {
        cwd: repo,
        env: {
          ...process.env,
          CONTENT_DIR: contentDir,
          NEWS_TEST_NOW: '2024-03-05T10:00:00+08:00',
        },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

function tempContent() {
  const dir = mkdtempSync(path.join(tmpdir(), 'new-article-'));
  cpSync(path.join(repo, 'content/categories'), path.join(dir, 'categories'), { recursive: true });
  return dir;
}

describe('npm run new', () => {
  it('creates a draft from a Chinese title, then a unique slug for the same title', async () => {
    const dir = tempContent();
    const first = await newArticle(dir, '--category', 'qinggan/gushi', '--title', '民族团结润童心');
    expect(first.code).toBe(0);
    const second = await newArticle(
      dir,
      '--category',
      'qinggan/gushi',
      '--title',
      '民族团结润童心',
    );
    expect(second.code).toBe(0);
    const files = readdirSync(path.join(dir, 'articles/2024/03')).sort();
    expect(files).toEqual(['min-zu-tuan-jie-run-tong-xin-2.md', 'min-zu-tuan-jie-run-tong-xin.md']);
    const text = readFileSync(path.join(dir, 'articles/2024/03', files[1]!), 'utf8');
    expect(text).toContain('title: "民族团结润童心"');
    expect(text).toContain('date: 2024-03-05T10:00:00+08:00');
    expect(text).toContain('category: qinggan/gushi');
    expect(text).toContain('draft: true');
  }, 60_000);

  it('refuses an unknown category and lists the valid ones', async () => {
    const dir = tempContent();
    const result = await newArticle(dir, '--category', 'qinggan/nope', '--title', '标题');
    expect(result.code).toBe(1);
    expect(result.output).toContain('qinggan/nope');
    expect(result.output).toContain('qinggan/gushi');
    expect(readdirSync(dir)).toEqual(['categories']);
  }, 60_000);
});
