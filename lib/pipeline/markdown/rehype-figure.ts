// Pure: an image alone in a paragraph becomes a <figure>, its Markdown title the caption.
import type { Element, ElementContent, Root } from 'hast';

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

function toFigure(paragraph: Element): Element | null {
  const content = paragraph.children.filter((child) => !isBlank(child));
  const image = content[0];
  if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return null;
  const { title, ...properties } = image.properties;
  const img: Element = {
    ...image,
    properties: { ...properties, loading: 'lazy', decoding: 'async' },
  };
  const children: ElementContent[] = [img];
  if (typeof title === 'string' && title.trim()) {
    children.push({
      type: 'element',
      tagName: 'figcaption',
      properties: {},
      children: [{ type: 'text', value: title.trim() }],
    });
  }
  return { type: 'element', tagName: 'figure', properties: {}, children };
}

function walk(parent: Root | Element): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'p') return toFigure(child) ?? child;
    walk(child);
    return child;
  }) as typeof parent.children;
}

export function rehypeFigure() {
  return (tree: Root) => walk(tree);
}
