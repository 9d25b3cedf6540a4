// The worker thread of `npm run content`: compiles every article body and builds the search index
// on the second core while Contentlayer validates the same files on the first.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parse } from 'yaml';
import { slugFromPath } from '../../lib/content/rules';
import { splitFrontMatter } from '../../lib/pipeline/front-matter';
import { readImageCatalog } from '../../lib/pipeline/images';
import { compileBody, type CompiledBody } from '../../lib/pipeline/markdown/compile-body';
import { listSourceFiles } from '../../lib/pipeline/source-files';
import { buildSearchIndex, type SearchDoc } from '../../lib/search/index';

const { contentDir } = workerData as { contentDir: string };

async function main() {
  const articlesDir = path.join(contentDir, 'articles');
  const files = listSourceFiles(articlesDir, 'articles').filter((file) => file.endsWith('.md'));
  const images = await readImageCatalog(path.join(process.cwd(), 'public'));
  const bodies = new Map<string, CompiledBody>();
  const docs: SearchDoc[] = [];
  for (const file of files) {
    const text = await readFile(path.join(contentDir, file), 'utf8');
    const split = splitFrontMatter(text);
    const body = split ? split.body : text;
    const compiled = await compileBody(body, (src) => images.get(src));
    bodies.set(file, compiled);
    // A broken front matter is Contentlayer's to report, with the file and the field.
    let data: { title?: unknown; tags?: unknown } = {};
    try {
      data = (parse(split?.yaml ?? '') ?? {}) as typeof data;
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
