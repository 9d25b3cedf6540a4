// npm run preview-link -- <slug> [--hours 48]
// Prints a signed, expiring URL of a draft (or scheduled) article for the chief editor: the URL
// alone on stdout, everything else on stderr (docs/editors.md, 预览链接).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { now } from '../../lib/clock';
import { articleState, parseHours, previewLink } from '../../lib/editor/preview-link';
import { splitFrontMatter } from '../../lib/pipeline/front-matter';
import { listSourceFiles } from '../../lib/pipeline/source-files';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let values: { hours?: string };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    options: { hours: { type: 'string' } },
    allowPositionals: true,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n用法 usage: npm run preview-link -- <slug> [--hours 48]`);
}
const slug = positionals[0]?.trim();
if (!slug || positionals.length > 1)
  fail('用法 usage: npm run preview-link -- <slug> [--hours 48]');

// lib/env.ts checks the environment when it is loaded: loaded here, a bad value is one line.
let env: (typeof import('../../lib/env'))['env'];
let hours: number;
try {
  ({ env } = await import('../../lib/env'));
  hours = parseHours(values.hours);
} catch (error) {
  fail((error as Error).message);
}
const { slugFromPath } = await import('../../lib/content/rules');
const { formatDateTime } = await import('../../lib/format/date');
if (!env.previewSecret) {
  fail(
    [
      '预览链接未启用：没有设置 PREVIEW_SECRET。 / Preview links are off: PREVIEW_SECRET is not set.',
      '在每台服务器和运行本命令的机器上设置同一个值（至少 32 个字符），例如：',
      '  export PREVIEW_SECRET="$(openssl rand -base64 32)"',
      '服务器设置后需重启；详见 docs/deploy.md。',
    ].join('\n'),
  );
}

const contentDir = path.resolve(env.contentDir);
const file = listSourceFiles(path.join(contentDir, 'articles'), 'articles').find(
  (candidate) => candidate.endsWith('.md') && slugFromPath(candidate) === slug,
);
if (!file) fail(`找不到稿件 no article "${slug}" under ${path.join(env.contentDir, 'articles')}`);

const at = now();
const split = splitFrontMatter(readFileSync(path.join(contentDir, file), 'utf8'));
const frontMatter = (split ? parse(split.yaml, { schema: 'core' }) : {}) as Record<string, unknown>;
const { url, expiresAt } = previewLink({
  secret: env.previewSecret,
  siteUrl: env.siteUrl,
  slug,
  at,
  hours,
});

console.error(`稿件：${String(frontMatter.title ?? slug)}（${path.join(env.contentDir, file)}）`);
console.error(`状态：${articleState(frontMatter, at)}`);
console.error(`有效期至：${formatDateTime(expiresAt)}（${hours} 小时）`);
console.error(
  '服务器须已发布含此稿的内容版本（提交后 npm run content:publish），否则链接打开为 404。',
);
console.log(url);
