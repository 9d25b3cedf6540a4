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
}: {
  children: ReactNode;
  as?: 'div' | 'footer';
  className?: string;
}) {
  return (
    <StaticIsland id={keepIsland(renderStaticMarkup(children))} as={as} className={className} />
  );
}
