import type { ArticleSummary } from '@/lib/content/types';
import { coverOf, imgAttributes, type Picture } from '@/lib/images/picture';

type Props = {
  picture: Picture;
  className?: string;
  /** Decorative beside its own title: the title names the link. */
  decorative?: boolean;
} & ({ sizes: string; priority?: boolean } | { width: number });

/** A picture of the site through next/image's optimiser, as a plain <img>: no client code. */
export function Img({ picture, className, decorative, ...options }: Props) {
  const attributes = imgAttributes(decorative ? { ...picture, alt: '' } : picture, options);
  // eslint-disable-next-line @next/next/no-img-element, jsx-a11y/alt-text
  return <img {...attributes} className={className} />;
}

/**
 * A list item's thumbnail, linked to the article: hidden from screen readers and the tab order,
 * since the title beside it is the same link. For an article without a cover: nothing, or with
 * `placeholder` an empty box of the same size, so that every row of a short list (相关阅读) lines
 * up.
 */
export function Thumbnail({
  article,
  width = 176,
  placeholder,
}: {
  article: ArticleSummary;
  width?: number;
  placeholder?: boolean;
}) {
  const cover = coverOf(article);
  if (!cover) {
    return placeholder ? <span className="thumb thumb-none" /> : null;
  }
  return (
    <a href={article.url} tabIndex={-1} aria-hidden="true" className="thumb">
      <Img picture={cover} width={width} decorative />
    </a>
  );
}
