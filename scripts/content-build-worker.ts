// The worker thread of `npm run content`: compiles every article body and builds the search index
// on the second core while Contentlayer validates the same files on the first.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parse } from 'yaml';
import { slugFromPath } from '../lib/content/rules';
import { compileBody, type CompiledBody } from '../lib/markdown/compile-body';
import { buildSearchIndex, type SearchDoc } from '../lib/search/index';

const { contentDir } = workerData as { contentDir: string };

// Same split as Contentlayer's (gray-matter): a leading `---` block, then the body.
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

async function main() {
  const articlesDir = path.join(contentDir, 'articles');
  const files = (await readdir(articlesDir, { recursive: true }))
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.posix.join('articles', file.split(path.sep).join('/')));
  const bodies = new Map<string, CompiledBody>();
  const docs: SearchDoc[] = [];
  for (const file of files) {
    const text = await readFile(path.join(contentDir, file), 'utf8');
    const match = FRONT_MATTER.exec(text);
    const body = match ? text.slice(match[0].length) : text;
    const compiled = await compileBody(body);
    bodies.set(file, compiled);
    // A broken front matter is Contentlayer's to report, with the file and the field.
    let data: { title?: unknown; tags?: unknown } = {};
    try {
      data = (parse(match?.[1] ?? '') ?? {}) as typeof data;
    } catch {
      continue;
    }
    docs.push({
      slug: slugFromPath(file),
      title: typeof data.title === 'string' ? data.title : '',
      tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
      text: compiled.text,
    });
  }
  parentPort?.postMessage({ bodies, search: buildSearchIndex(docs) });
}

void main();
