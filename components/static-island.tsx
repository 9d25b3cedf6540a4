'use client';

import { createElement } from 'react';
import { islandHtml } from '@/lib/render/island-store';

type Props = { id: string; as?: 'div' | 'footer'; className?: string; lang?: string };

/**
 * Server-rendered HTML that React leaves as it is in the browser. Its markup reaches the page
 * once: the inline React payload carries only this id (docs/adr/011-static-islands.md).
 */
export function StaticIsland({ id, as = 'div', className, lang }: Props) {
  return createElement(as, {
    id,
    className,
    lang,
    dangerouslySetInnerHTML: { __html: islandHtml(id) },
  });
}
