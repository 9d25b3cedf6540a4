'use client';

import { useEffect } from 'react';

/**
 * Counts one view when the page is really seen: not while prerendered or in a background tab.
 * Everything else on the page works without JavaScript; only counting needs it.
 */
export function ViewBeacon({ slug }: { slug: string }) {
  useEffect(() => {
    const url = `/api/views/${encodeURIComponent(slug)}`;
    let sent = false;
    const send = () => {
      if (sent || document.visibilityState !== 'visible') return;
      if ((document as Document & { prerendering?: boolean }).prerendering) return;
      sent = true;
      if (!navigator.sendBeacon?.(url)) void fetch(url, { method: 'POST', keepalive: true });
    };
    send();
    document.addEventListener('visibilitychange', send);
    document.addEventListener('prerenderingchange', send);
    return () => {
      document.removeEventListener('visibilitychange', send);
      document.removeEventListener('prerenderingchange', send);
    };
  }, [slug]);
  return null;
}
