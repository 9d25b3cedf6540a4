// Pure: an image alone in a paragraph becomes a <figure>, its Markdown title the caption. A picture
// of the site gets its width and height (no layout shift); the article page adds its srcset.
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import type { ImageInfo } from '../../content/rules';

/** What the content build knows of a picture under public/, by site path. */
export type ImageLookup = (src: string) => ImageInfo | undefined;

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

function sizeOf(src: unknown, images: ImageLookup | undefined) {
  if (typeof src !== 'string' || !src.startsWith('/') || src.startsWith('//')) return {};
  let info: ImageInfo | undefined;
  try {
    info = images?.(decodeURI(src));
  } catch {
    return {};
  }
  return info ? { width: info.width, height: info.height } : {};
}

function toFigure(paragraph: Element, images: ImageLookup | undefined): Element | null {
  const content = paragraph.children.filter((child) => !isBlank(child));
  const image = content[0];
  if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return null;
  const { title, ...properties } = image.properties;
  const img: Element = {
    ...image,
    properties: {
      ...properties,
      ...sizeOf(properties.src, images),
      loading: 'lazy',
      decoding: 'async',
    },
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

function walk(parent: Root | Element, images: ImageLookup | undefined): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'p') return toFigure(child, images) ?? child;
    walk(child, images);
    return child;
  }) as typeof parent.children;
}

export function rehypeFigure() {
  return (tree: Root, file: VFile) => walk(tree, file.data.images as ImageLookup | undefined);
}
