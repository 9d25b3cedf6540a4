import 'server-only';
// Which edition the page being rendered belongs to. A 繁體 route (app/zh-hant/…) says so before
// it renders the 简体 page's component, and the components that write HTML (PageFrame) ask here:
// the route files of the two editions share everything else. React's cache() gives one value per
// server render, the way next-intl's setRequestLocale does; a parent component renders before its
// children, so the value is set before any of the page's components asks.
import { cache } from 'react';
import type { Edition } from './edition';

const current = cache((): { edition: Edition } => ({ edition: 'hans' }));

export function setRequestEdition(edition: Edition): void {
  current().edition = edition;
}

export function requestEdition(): Edition {
  return current().edition;
}
