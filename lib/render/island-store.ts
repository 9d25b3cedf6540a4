// Pure and isomorphic: hands a static island's HTML from the server's React Server Components
// render to its server-side HTML render, and in the browser takes it from the page itself. Only
// the island's id travels in the inline React payload (components/static-island.tsx).
//
// On the server an island is read once, by the HTML render that follows its component render
// within milliseconds, and forgotten then. One never read (a payload-only request renders no
// HTML) goes after KEEP_MS, and together they never hold more than MAX_BYTES, the oldest going
// first: memory does not grow with the request rate. No library: this file is in the browser's
// bundle too.
type Kept = { html: string; size: number; at: number };
type Store = { islands: Map<string, Kept>; bytes: number };

const slot = globalThis as typeof globalThis & { [key: symbol]: Store | undefined };
const KEY = Symbol.for('news.static-islands');
const KEEP_MS = 10_000;
/** Islands waiting for their HTML render, at most: far more than a busy process has in flight. */
const MAX_BYTES = 32 * 1024 * 1024;

function forget(store: Store, id: string): Kept | undefined {
  const kept = store.islands.get(id);
  if (kept) {
    store.islands.delete(id);
    store.bytes -= kept.size;
  }
  return kept;
}

/** Server: keeps the island's HTML for the HTML render of this request; returns its id. */
export function keepIsland(html: string): string {
  const store = (slot[KEY] ??= { islands: new Map(), bytes: 0 });
  const now = Date.now();
  // A Map iterates in insertion order: the oldest first.
  for (const [id, kept] of store.islands) {
    if (now - kept.at < KEEP_MS && store.bytes + html.length * 2 <= MAX_BYTES) break;
    forget(store, id);
  }
  const id = `i${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  // V8 keeps text with any Chinese character at two bytes per UTF-16 unit.
  const kept = { html, size: html.length * 2, at: now };
  store.islands.set(id, kept);
  store.bytes += kept.size;
  return id;
}

/** The island's HTML: on the server the kept copy (read once), in the browser the page's own. */
export function islandHtml(id: string): string {
  if (typeof document !== 'undefined') return document.getElementById(id)?.innerHTML ?? '';
  const store = slot[KEY];
  return (store && forget(store, id)?.html) ?? '';
}

/** Islands waiting for their HTML render (for tests and the memory benchmark). */
export function pendingIslands(): { count: number; bytes: number } {
  const store = slot[KEY];
  return { count: store?.islands.size ?? 0, bytes: store?.bytes ?? 0 };
}
