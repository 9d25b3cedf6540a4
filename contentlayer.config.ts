import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Processor } from 'unified';
import { parse } from 'yaml';
import { defineDocumentType, makeSource, type FieldDefs } from 'contentlayer2/source-files';
import { siteConfig } from './config/site';
import { env } from './lib/env';
import { splitFrontMatter } from './lib/pipeline/front-matter';
import { readGeneratedDocuments } from './lib/pipeline/compile-entry';
import { writeContentIndex } from './lib/pipeline/index-writer';
import {
  ARTICLE_FIELDS,
  ARTICLE_GLOB,
  CATEGORY_GLOB,
  PAGE_GLOB,
  articleUrl,
  categoryPathFromFile,
  isRealDate,
  slugFromPath,
} from './lib/content/rules';

// Contentlayer has no validation hook, and by the time a computed field sees a date it has rolled
// 2024-02-30 over into another day. The slug, computed for every article, re-reads the dates as
// written and throws, which fails the build naming the file (the content check says the same).
function assertRealDates(sourceFilePath: string) {
  const split = splitFrontMatter(readFileSync(path.join(env.contentDir, sourceFilePath), 'utf8'));
  const data: unknown = split ? parse(split.yaml) : undefined;
  if (!data || typeof data !== 'object') return;
  for (const field of ['date', 'updated'] as const) {
    const value: unknown = (data as Record<string, unknown>)[field];
    if (typeof value === 'string' && !isRealDate(value)) {
      throw new Error(
        `${sourceFilePath}: ${field}: 日期 ${value} 不存在 / the date does not exist`,
      );
    }
  }
}

function skipMarkdown(this: Processor) {
  this.parser = () => ({ type: 'root', children: [] });
  this.compiler = () => '';
}

function articleFields(): FieldDefs {
  const fields: FieldDefs = {};
  for (const [name, rule] of Object.entries(ARTICLE_FIELDS)) {
    const required = 'required' in rule && rule.required;
    if (rule.type === 'string[]') {
      fields[name] = { type: 'list', of: { type: 'string' }, default: [] };
    } else if (rule.type === 'boolean') {
      fields[name] = { type: 'boolean', default: false };
    } else if (rule.type === 'enum') {
      // Any other value fails the build (onMissingOrIncompatibleData); the check names the line.
      fields[name] = { type: 'enum', options: [...rule.values], default: rule.values[0] };
    } else {
      fields[name] = { type: rule.type, required };
    }
  }
  return fields;
}

export const Article = defineDocumentType(() => ({
  name: 'Article',
  filePathPattern: ARTICLE_GLOB,
  contentType: 'markdown',
  fields: articleFields(),
  computedFields: {
    slug: {
      type: 'string',
      resolve: (doc) => {
        assertRealDates(doc._raw.sourceFilePath);
        return slugFromPath(doc._raw.sourceFileName);
      },
    },
    url: { type: 'string', resolve: (doc) => articleUrl(slugFromPath(doc._raw.sourceFileName)) },
  },
}));

export const Category = defineDocumentType(() => ({
  name: 'Category',
  filePathPattern: CATEGORY_GLOB,
  contentType: 'data',
  fields: {
    name: { type: 'string', required: true },
    description: { type: 'string', required: true },
    order: { type: 'number', required: true },
  },
  computedFields: {
    path: { type: 'string', resolve: (doc) => categoryPathFromFile(doc._raw.sourceFilePath) },
  },
}));

/** 关于我们, 联系我们, 版权声明 …: the site's own documents, linked from the footer. */
export const Page = defineDocumentType(() => ({
  name: 'Page',
  filePathPattern: PAGE_GLOB,
  contentType: 'markdown',
  fields: {
    title: { type: 'string', required: true },
    description: { type: 'string' },
    order: { type: 'number' },
  },
  computedFields: {
    slug: { type: 'string', resolve: (doc) => slugFromPath(doc._raw.sourceFileName) },
  },
}));

export default makeSource({
  contentDirPath: env.contentDir,
  documentTypes: [Article, Category, Page],
  date: { timezone: siteConfig.timeZone },
  // Contentlayer names each document's type in a field called `type` by default; articles use
  // `type` themselves (type: notice), so the document type goes under a name no editor writes.
  fieldOptions: { typeFieldName: 'documentType' },
  disableImportAliasWarning: true,
  // Bodies are compiled by our own content build (lib/markdown/compile-body), once, with the plain
  // text that the excerpt, the reading time and search need; Contentlayer's own pass is skipped.
  markdown: (builder) => {
    builder.use(skipMarkdown);
  },
  onExtraFieldData: 'fail',
  onMissingOrIncompatibleData: 'fail',
  onUnknownDocuments: 'fail',
  // Read the generated JSON from disk: importData() goes through Node's module cache, which
  // would hand `contentlayer2 dev` the first build's documents forever.
  // `npm run content` (scripts/content-build.ts) writes the index itself, with the bodies its
  // worker thread compiled while Contentlayer ran; `contentlayer2 dev` gets it written here.
  onSuccess: async () => {
    if (process.env.CONTENT_INDEX_WRITER === 'content-build') return;
    await writeContentIndex(await readGeneratedDocuments());
  },
});
