// Pure, build time: the one Markdown pipeline for article bodies (compile-body.ts runs it).
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Element, ElementContent, Root } from 'hast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { rehypeFigure } from './rehype-figure';

// GitHub's sanitiser schema: no script, iframe, style, event handlers or javascript: URLs.
// Raw HTML is parsed first so that it is sanitised as elements, never passed through as text.
// translate="no" marks a name the 繁體 edition keeps as written (docs/editors.md, ADR 021).
const schema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: 'fn-',
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), ['translate', 'no']],
  },
};

function hasRaw(node: { type: string; children?: unknown[] }): boolean {
  return node.type === 'raw' || (node.children ?? []).some((child) => hasRaw(child as typeof node));
}

// Re-parsing every body with parse5 is the costliest step of the content build; most articles
// have no raw HTML at all, and for those the step changes nothing.
function rehypeRawWhenNeeded() {
  const transform = rehypeRaw();
  return (tree: Root, file: VFile) => (hasRaw(tree) ? transform(tree, file) : tree);
}

/** A hast node's text, as a screen reader would read it. */
function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** Before every heading's id: `## 铸牢共同体意识` is `#h-铸牢共同体意识`. */
export const HEADING_ID_PREFIX = 'h-';

export function configureMarkdown(builder: Processor): void {
  builder
    .use(remarkFrontmatter)
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRawWhenNeeded)
    .use(rehypeSanitize, schema)
    // Heading ids and anchors are added after sanitising: they are ours, not the author's. They
    // are prefixed, like the author's own ids (clobberPrefix), so that a heading such as
    // "## main" never repeats an id of the page (the skip link's #main) or names a global.
    .use(rehypeSlug, { prefix: HEADING_ID_PREFIX })
    .use(rehypeAutolinkHeadings, {
      behavior: 'append',
      // A link of its own for keyboards and screen readers, named after its heading (the "#"
      // alone says nothing); app/globals.css shows it on hover and focus only.
      properties: (heading) => ({
        className: ['heading-anchor'],
        ariaLabel: `本节链接：${textOf(heading)}`,
      }),
      content: { type: 'text', value: '#' },
    })
    .use(rehypeFigure)
    .use(rehypeStringify);
}
