// `npm run content:check` and the build's `--quiet` check: a warning is never only a number.
import { execFile } from 'node:child_process';
import { symlinkSync } from 'node:fs';
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
      expect(all.problems).toHaveLength(8);
      for (const line of all.problems) expect(line).toMatch(warning);
      expect(all.summary).toEqual([
        expect.stringMatching(/content check: \d+ files, 0 errors, 8 warnings/),
      ]);

      const quiet = await check('--quiet');
      expect(quiet.problems).toEqual(all.problems.slice(0, 5));
      expect(quiet.summary).toEqual([
        expect.stringMatching(/content check: \d+ files, 0 errors, 8 warnings/),
        `  3 more warnings not shown: \`CONTENT_DIR=${content} npm run content:check\` lists them all`,
      ]);
    },
    // Two checks, each about a content build's cost.
    2 * BUILD_TIMEOUT_MS,
  );
});
