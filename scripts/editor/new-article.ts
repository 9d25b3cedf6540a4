// npm run new -- --category qinggan/gushi --title "标题"
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { siteConfig } from '../../config/site';
import { now } from '../../lib/clock';
import { categoryPathFromFile, slugFromPath } from '../../lib/content/rules';
import { newArticleFile } from '../../lib/editor/new-article';
import { env } from '../../lib/env';
import { listSourceFiles } from '../../lib/pipeline/source-files';

const contentDir = path.resolve(env.contentDir);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: { category: { type: 'string' }, title: { type: 'string' } },
  allowPositionals: false,
});
const title = values.title?.trim();
const category = values.category?.trim().replace(/^\/+|\/+$/g, '');
if (!title || !category) {
  fail('用法 usage: npm run new -- --category qinggan/gushi --title "标题"');
}

const categories = listSourceFiles(path.join(contentDir, 'categories'), 'categories')
  .filter((file) => file.endsWith('.yml'))
  .map(categoryPathFromFile)
  .sort();
if (!categories.includes(category)) {
  fail(`栏目不存在 unknown category "${category}". 可用 valid: ${categories.join(', ')}`);
}
const taken = new Set(
  listSourceFiles(path.join(contentDir, 'articles'), 'articles')
    .filter((file) => file.endsWith('.md'))
    .map(slugFromPath),
);
const file = newArticleFile({
  title,
  category,
  source: siteConfig.defaultSource,
  at: now(),
  taken,
});
const target = path.join(contentDir, file.path);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, file.text, { flag: 'wx' });
console.log(`已创建 created ${path.relative(process.cwd(), target)} (draft: true)`);
