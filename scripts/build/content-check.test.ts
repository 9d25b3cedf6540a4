// `npm run content:check` and the build's `--quiet` check: a warning is never only a number.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  BUILD_TIMEOUT_MS,
  generateCorpus,
  REPO as repo,
  testProject,
} from '@/lib/pipeline/test-project';

const run = promisify(execFile);

describe('the content check', () => {
  it(
    'in the build (--quiet): the first 5 warnings, and the command that lists them all',
    async () => {
      const dir = testProject('content-check-');
      const content = path.join(dir, 'content');
      // The generated articles' covers.
      symlinkSync(path.join(repo, 'public'), path.join(dir, 'public'));
      // The generator writes no summaries: every article gets a warning.
      await generateCorpus(content, 8);
      const check = async (...args: string[]) => {
        const { stdout, stderr } = await run(
          process.execPath,
          ['--import', 'tsx', path.join(repo, 'scripts/build/content-check.ts'), ...args],
          { cwd: dir, env: { ...process.env, CONTENT_DIR: content } },
        );
        const lines = (text: string) => text.split('\n').filter(Boolean);
        // Problems go to stderr, the summary to stdout.
        return { problems: lines(stderr), summary: lines(stdout) };
      };
      const warning = /^.+\.md:\d+: summary: 警告 warning: /;

      const all = await check();
      // The generator copies the sample site pages, whose 联系我们 still shows example details.
      expect(all.problems).toHaveLength(9);
      for (const line of all.problems.slice(0, 8)) expect(line).toMatch(warning);
      expect(all.problems[8]).toMatch(/^.+pages\/contact\.md:1: contact: 警告 warning: /);
      expect(all.summary).toEqual([
        expect.stringMatching(/content check: \d+ files, 0 errors, 9 warnings/),
      ]);

      const quiet = await check('--quiet');
      expect(quiet.problems).toEqual(all.problems.slice(0, 5));
      expect(quiet.summary).toEqual([
        expect.stringMatching(/content check: \d+ files, 0 errors, 9 warnings/),
        `  4 more warnings not shown: \`CONTENT_DIR=${content} npm run content:check\` lists them all`,
      ]);
    },
    // Two checks, each about a content build's cost.
    2 * BUILD_TIMEOUT_MS,
  );

  it(
    'in a work tree exactly at a git commit: reads only the files changed since the last check',
    async () => {
      const dir = testProject('content-check-git-');
      const content = path.join(dir, 'content');
      symlinkSync(path.join(repo, 'public'), path.join(dir, 'public'));
      await generateCorpus(content, 8);
      const git = (...args: string[]) => run('git', ['-C', content, ...args]);
      const commit = async () => {
        await git('add', '-A');
        await git('-c', 'user.name=编辑', '-c', 'user.email=e@example.com', 'commit', '-qm', '稿');
        return (await git('rev-parse', 'HEAD')).stdout.trim();
      };
      await git('init', '-q');
      const first = await commit();
      const check = () =>
        run(
          process.execPath,
          ['--import', 'tsx', path.join(repo, 'scripts/build/content-check.ts')],
          { cwd: dir, env: { ...process.env, CONTENT_DIR: content } },
        ).then(
          ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
          (error: { code: number; stdout: string; stderr: string }) => error,
        );
      const whole = await check();
      expect(whole.stdout).not.toContain('by git');
      const files = /content check: (\d+) files/.exec(whole.stdout)?.[1];

      // One article with a date that does not exist, committed: the one file is read, and the
      // report is still the whole directory's.
      const article = path.join(
        content,
        'articles',
        readdirSync(path.join(content, 'articles'), { recursive: true, encoding: 'utf8' }).find(
          (file) => file.endsWith('.md'),
        ) as string,
      );
      writeFileSync(
        article,
        readFileSync(article, 'utf8').replace(/^date: .*$/m, 'date: 2024-02-30'),
      );
      await commit();
      const changed = await check();
      expect(changed.code).toBe(1);
      expect(changed.stdout).toMatch(
        new RegExp(
          `content check: ${files} files, 1 errors, 9 warnings \\(\\d+ ms, 1 checked, .*1 changed since ${first.slice(0, 12)} by git\\)`,
        ),
      );
      expect(changed.stderr).toContain(`${path.basename(article)}:`);
    },
    2 * BUILD_TIMEOUT_MS,
  );

  it(
    '--fix rewrites half-width punctuation in place, says what it changed, and a second run changes nothing',
    async () => {
      const dir = testProject('content-fix-');
      const content = path.join(dir, 'content');
      mkdirSync(path.join(content, 'categories'), { recursive: true });
      mkdirSync(path.join(content, 'articles'), { recursive: true });
      writeFileSync(
        path.join(content, 'categories/shehui.yml'),
        'name: 社会\ndescription: 社会新闻\norder: 1\n',
      );
      const article = path.join(content, 'articles/linhai.md');
      const before = `---
title: "浙江临海:心系保供巡检忙"
date: 2024-01-24T07:30:00+08:00
category: shehui
source: 本站综合
summary: 寒潮中的加能站。
---

“天气寒冷,管线阀门易受冻凝结!”见\`a,b\`和https://example.com/a,b 共3,000人。

1)手工处理
`;
      writeFileSync(article, before);
      const check = async (...args: string[]) => {
        const { stdout, stderr } = await run(
          process.execPath,
          ['--import', 'tsx', path.join(repo, 'scripts/build/content-check.ts'), ...args],
          { cwd: dir, env: { ...process.env, CONTENT_DIR: content } },
        );
        return {
          out: stdout.split('\n').filter(Boolean),
          problems: stderr.split('\n').filter(Boolean),
        };
      };

      const warned = await check();
      expect(warned.problems).toEqual([
        expect.stringMatching(
          /^.+\/articles\/linhai\.md:2:13: title: 警告 warning: 标点：中文里的半角 ":" 应为全角 "："/,
        ),
        expect.stringMatching(/linhai\.md:9:6: body: .*"," 应为全角 "，"/),
        expect.stringMatching(/linhai\.md:9:16: body: .*"!" 应为全角 "！"/),
        expect.stringMatching(/linhai\.md:11:2: body: .*"\)" 可能应为全角 "）"，请人工判断/),
      ]);
      expect(warned.out.at(-1)).toMatch(/0 errors, 4 warnings/);

      const fixed = await check('--fix');
      expect(fixed.out).toEqual([
        expect.stringMatching(/^已修正 fixed: .+\/articles\/linhai\.md:2:13: title: ":" → "："$/),
        expect.stringMatching(/linhai\.md:9:6: body: "," → "，"$/),
        expect.stringMatching(/linhai\.md:9:16: body: "!" → "！"$/),
        '标点修正 punctuation fix: 3 marks in 1 file',
        expect.stringMatching(/0 errors, 1 warnings/),
      ]);
      // Only the marks changed; the one that needs a person is still reported.
      expect(readFileSync(article, 'utf8')).toBe(
        before.replace('临海:', '临海：').replace('寒冷,', '寒冷，').replace('凝结!', '凝结！'),
      );
      expect(fixed.problems).toEqual([expect.stringMatching(/linhai\.md:11:2: body: /)]);

      const again = await check('--fix');
      expect(again.out[0]).toBe('标点修正 punctuation fix: 0 marks in 0 files');
      expect(readFileSync(article, 'utf8')).toBe(
        before.replace('临海:', '临海：').replace('寒冷,', '寒冷，').replace('凝结!', '凝结！'),
      );
    },
    3 * BUILD_TIMEOUT_MS,
  );
});
