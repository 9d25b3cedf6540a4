'use client';

import { useEffect } from 'react';

// The <details> that Escape closes: the 栏目 menu and the share panel.
const CLOSABLE = 'details.nav-menu[open], details.share[open]';

/**
 * The few things the static page does better with script (all of it also works without): Escape
 * closes the 栏目 menu or the share panel and gives focus back to its summary, and the share
 * panel gets a 复制链接 button that copies the link. One listener of each
 * kind on the document, since the markup they act on is a static island React never touches
 * (docs/adr/026-page-controls.md).
 */
export function PageControls() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      for (const details of document.querySelectorAll<HTMLDetailsElement>(CLOSABLE)) {
        details.open = false;
        details.querySelector('summary')?.focus();
      }
    };
    const onClick = async (event: MouseEvent) => {
      const button = (event.target as Element).closest?.('.share-copy > button');
      const field = button?.parentElement?.querySelector('input');
      const status = button?.nextElementSibling;
      if (!field || !status) return;
      status.textContent = '';
      let said = '已复制';
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        // No clipboard (a page over plain HTTP, or refused): the link is selected to copy by hand.
        field.focus();
        field.select();
        said = '已选中链接，请长按或按 Ctrl+C 复制';
      }
      status.textContent = said;
    };
    // The button and its polite live region, made here: they are of use only with script.
    for (const box of document.querySelectorAll('.share-copy')) {
      if (box.querySelector('button')) continue;
      const status = document.createElement('span');
      status.setAttribute('aria-live', 'polite');
      box.append(
        Object.assign(document.createElement('button'), {
          type: 'button',
          textContent: '复制链接',
        }),
        status,
      );
    }
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return null;
}
