// Pure and isomorphic: hands a static island's HTML from the server's React Server Components
// render to its server-side HTML render, and in the browser takes it from the page itself. Only
// the island's id travels in the inline React payload (components/static-island.tsx).
type Slot = Map<string, string>;
const slot = globalThis as typeof globalThis & { [key: symbol]: Slot | undefined };
const KEY = Symbol.for('news.static-islands');
/** The HTML render of a page follows its component render within milliseconds. */
const KEEP_MS = 10_000;

/** Server: keeps the island's HTML for the HTML render of this request; returns its id. */
export function keepIsland(html: string): string {
  const islands = (slot[KEY] ??= new Map());
  const id = `i${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  islands.set(id, html);
  setTimeout(() => islands.delete(id), KEEP_MS).unref?.();
  return id;
}

/** The island's HTML: on the server the kept copy, in the browser what the page already shows. */
export function islandHtml(id: string): string {
  if (typeof document !== 'undefined') return document.getElementById(id)?.innerHTML ?? '';
  return slot[KEY]?.get(id) ?? '';
}
