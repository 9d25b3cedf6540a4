// Pure: the <img> attributes of a picture of the site, through next/image's optimiser:
// srcset/sizes of AVIF or WebP copies, width and height (no layout shift), lazy below the fold.
// getImageProps is a plain function: the page ships no image component and no client code.
import { getImageProps } from 'next/image';
import type { ArticleSummary } from '@/lib/content/types';

export type Picture = { src: string; alt: string; width: number; height: number };

export type ImgAttributes = {
  src: string;
  srcSet?: string;
  sizes?: string;
  alt: string;
  width: number;
  height: number;
  loading?: 'lazy';
  decoding: 'async';
  fetchPriority?: 'high';
};

const QUALITY = 70;

/** The article's cover as a picture, when it has one with a known size. */
export function coverOf(article: ArticleSummary): Picture | undefined {
  const { cover, coverWidth, coverHeight } = article;
  if (!cover || !coverWidth || !coverHeight) return undefined;
  return { src: cover, alt: article.coverAlt ?? '', width: coverWidth, height: coverHeight };
}

type Options =
  | { /** CSS width of the slot, as in `sizes`. */ sizes: string; priority?: boolean }
  | {
      /** A fixed display width in CSS pixels (thumbnails): 1x and 2x. */ width: number;
      priority?: boolean;
    };

export function imgAttributes(picture: Picture, options: Options): ImgAttributes {
  const fixed = 'width' in options;
  const width = fixed ? options.width : picture.width;
  const height = fixed
    ? Math.round((picture.height * options.width) / picture.width)
    : picture.height;
  const { props } = getImageProps({
    src: picture.src,
    alt: picture.alt,
    width,
    height,
    quality: QUALITY,
    ...(fixed ? {} : { sizes: options.sizes }),
  });
  return {
    src: props.src,
    ...(props.srcSet ? { srcSet: props.srcSet } : {}),
    ...(props.sizes ? { sizes: props.sizes } : {}),
    alt: picture.alt,
    width,
    height,
    ...(options.priority ? { fetchPriority: 'high' as const } : { loading: 'lazy' as const }),
    decoding: 'async',
  };
}

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Width of a picture in the article body: the text column, or the screen on a phone. */
export const BODY_SIZES = '(min-width: 1024px) 744px, 100vw';

/**
 * The article body's pictures of the site, as the content build wrote them (src, alt, width and
 * height), get the optimiser's srcset. Others are left as they are.
 */
export function responsiveBody(html: string): string {
  return html.replace(
    /<img src="(\/[^"/][^"]*)" alt="([^"]*)" width="(\d+)" height="(\d+)"/g,
    (tag, src: string, alt: string, width: string, height: string) => {
      let decodedSrc: string;
      try {
        decodedSrc = decodeURI(src.replace(/&amp;/g, '&'));
      } catch {
        return tag;
      }
      const img = imgAttributes(
        { src: decodedSrc, alt: '', width: Number(width), height: Number(height) },
        { sizes: BODY_SIZES },
      );
      return `<img src="${escapeAttr(img.src)}" srcset="${escapeAttr(img.srcSet ?? '')}" sizes="${BODY_SIZES}" alt="${alt}" width="${width}" height="${height}"`;
    },
  );
}
