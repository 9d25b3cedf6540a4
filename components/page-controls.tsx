'use client';

import { useEffect } from 'react';

// The <details> that Escape closes: the 栏目 menu and the share panel.
const CLOSABLE = 'details.nav-menu[open], details.share[open]';

/**
 * The few things the static page does better with script (all of it also works without): Escape
 * closes the 栏目 menu or the share panel and gives focus back to its summary, and the share
 * panel's 复制链接 button, hidden in the HTML, appears and copies the link. One listener of each
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
      const button = (event.target as Element).closest?.<HTMLElement>('[data-copy]');
      const field = button && document.getElementById(button.dataset.copy ?? '');
      if (!button || !(field instanceof HTMLInputElement)) return;
      const status = document.getElementById(button.dataset.status ?? '');
      if (status) status.textContent = '';
      let said = '已复制';
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        // No clipboard (a page over plain HTTP, or refused): the link is selected to copy by hand.
        field.focus();
        field.select();
        said = '已选中链接，请长按或按 Ctrl+C 复制';
      }
      if (status) status.textContent = said;
    };
    for (const button of document.querySelectorAll<HTMLElement>('[data-copy]')) {
      button.hidden = false;
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
