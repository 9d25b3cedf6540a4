import 'server-only';
// What every page's header needs: the channel bar and which of its links is the page's own.
import { getNavigation } from '@/lib/content/repository';

export type Header = ReturnType<typeof header>;

/** `current`: the href of the channel-bar link to mark (aria-current="page"), if any. */
export function header(current?: string) {
  return { nav: getNavigation(), ...(current ? { current } : {}) };
}
