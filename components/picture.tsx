import { imgAttributes, type Picture } from '@/lib/images/picture';

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
