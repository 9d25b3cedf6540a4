// Pure, build time: one parse of an article body gives both its HTML and its plain text (for the excerpt,
// the reading time and the search index).
import type { Root } from 'mdast';
import { unified } from 'unified';
import { paragraphsOf } from '../text';
import { configureMarkdown } from './pipeline';
import type { ImageLookup } from './rehype-figure';

export type CompiledBody = {
  html: string;
  /** Plain paragraphs, one per line. */
  text: string;
};

const processor = unified();
configureMarkdown(processor);
processor.freeze();

/** `images` gives the pictures of the site their width and height in the HTML. */
export async function compileBody(markdown: string, images?: ImageLookup): Promise<CompiledBody> {
  const tree = processor.parse(markdown) as Root;
  // Before the transformers run: they turn the same tree into HTML.
  const text = paragraphsOf(tree).join('\n');
  const html = processor.stringify(await processor.run(tree, { data: { images } }));
  return { html: String(html), text };
}
