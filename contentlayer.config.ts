import { defineDocumentType, makeSource, type FieldDefs } from 'contentlayer2/source-files';
import { readGeneratedDocuments, writeContentIndex } from './lib/content/index-writer';
import {
  ARTICLE_FIELDS,
  ARTICLE_GLOB,
  CATEGORY_GLOB,
  articleUrl,
  categoryPathFromFile,
  slugFromPath,
} from './lib/content/rules';
import { plainParagraphs, readingMinutes, truncateText } from './lib/content/text';
import { configureMarkdown } from './lib/markdown/pipeline';

const CONTENT_DIR = process.env.CONTENT_DIR || 'content';

// Both computed fields need the plain text; parse each body once, not once per field.
const paragraphCache = new Map<string, string[]>();
function paragraphsOf(raw: string): string[] {
  let paragraphs = paragraphCache.get(raw);
  if (!paragraphs) {
    paragraphs = plainParagraphs(raw);
    paragraphCache.set(raw, paragraphs);
  }
  return paragraphs;
}

function articleFields(): FieldDefs {
  const fields: FieldDefs = {};
  for (const [name, rule] of Object.entries(ARTICLE_FIELDS)) {
    const required = 'required' in rule && rule.required;
    if (rule.type === 'string[]') {
      fields[name] = { type: 'list', of: { type: 'string' }, default: [] };
    } else if (rule.type === 'boolean') {
      fields[name] = { type: 'boolean', default: false };
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
    slug: { type: 'string', resolve: (doc) => slugFromPath(doc._raw.sourceFileName) },
    url: { type: 'string', resolve: (doc) => articleUrl(slugFromPath(doc._raw.sourceFileName)) },
    excerpt: {
      type: 'string',
      resolve: (doc) =>
        typeof doc.summary === 'string' && doc.summary.trim()
          ? truncateText(doc.summary)
          : truncateText(paragraphsOf(doc.body.raw)[0] ?? ''),
    },
    readingTime: {
      type: 'number',
      resolve: (doc) => {
        const minutes = readingMinutes(paragraphsOf(doc.body.raw).join('\n'));
        paragraphCache.delete(doc.body.raw);
        return minutes;
      },
    },
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

export default makeSource({
  contentDirPath: CONTENT_DIR,
  documentTypes: [Article, Category],
  date: { timezone: 'Asia/Shanghai' },
  disableImportAliasWarning: true,
  markdown: (builder) => configureMarkdown(builder),
  onExtraFieldData: 'fail',
  onMissingOrIncompatibleData: 'fail',
  onUnknownDocuments: 'fail',
  // Read the generated JSON from disk: importData() goes through Node's module cache, which
  // would hand `contentlayer2 dev` the first build's documents forever.
  onSuccess: async () => {
    await writeContentIndex(await readGeneratedDocuments());
  },
});
