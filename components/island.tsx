import 'server-only';
import type { ReactNode } from 'react';
import { keepIsland } from '@/lib/render/island-store';
import { renderStaticMarkup } from '@/lib/render/static-markup';
import { StaticIsland } from './static-island';

/**
 * Renders `children` (server components without client parts) to HTML once, on the server, and
 * puts it on the page as a static island. `className="contents"` keeps the wrapper out of layout.
 */
export function Island({
  children,
  as,
  className,
  lang,
  convert,
}: {
  children: ReactNode;
  as?: 'div' | 'footer';
  className?: string;
  /** The island's language where it is not the document's (the 繁體 edition). */
  lang?: string;
  /** Applied to the island's HTML (the 繁體 edition's conversion). */
  convert?: (html: string) => string;
}) {
  const html = renderStaticMarkup(children);
  return (
    <StaticIsland
      id={keepIsland(convert ? convert(html) : html)}
      as={as}
      className={className}
      {...(lang ? { lang } : {})}
    />
  );
}
