// @ts-check
// Pure: a page's script chunks, loaded after its first paint
// (docs/adr/016-scripts-after-first-paint.md). Plain JavaScript, because the cache handler
// (lib/cache/handler.mjs), which Next loads without bundling, applies it to each cached page's
// final HTML; pages rendered per request (search) get it from lib/http/late-scripts-response.ts.
//
// Next writes every chunk into the <head> (`<script src async>` and low-priority preloads), so
// the browser fetches 130 KB of JavaScript beside the stylesheet and the cover picture, and on a
// fast link runs it before the first paint. The page needs none of it to be read (everything
// works without JavaScript); hydration, the view beacon and the share panel can wait a frame.

// `<script src="/_next/static/…" async="">` with nothing inside, as React writes it, with the
// request's nonce on pages rendered per request.
const CHUNK_SCRIPT =
  /<script src="(\/_next\/static\/[^"]+\.js)"((?: (?:async|nonce)="[^"]*")+)><\/script>/g;
// The low-priority preloads of the same chunks.
const CHUNK_PRELOAD =
  /<link rel="preload" as="script" fetchPriority="low"(?: nonce="[^"]*")? href="\/_next\/static\/[^"]+\.js"\/>/g;
const NONCE = / nonce="([^"]*)"/;

const PREFIX = '/_next/static/chunks/';

/**
 * Moves the page's chunk scripts behind its first paint: they are taken out of the HTML and one
 * inline script at the end of <body> adds them again, in the same order, once the browser reports
 * the first paint (a tab loaded in the background paints, and hydrates, when it is shown).
 * HTML without chunk scripts, or without a </body>, is returned as it is.
 * @param {string} html
 * @returns {string}
 */
export function scriptsAfterFirstPaint(html) {
  const end = html.lastIndexOf('</body>');
  if (end < 0) return html;
  /** @type {string[]} */
  const sources = [];
  let nonce = '';
  const body = html.slice(0, end).replace(CHUNK_SCRIPT, (tag, src, attributes) => {
    if (!attributes.includes(' async=""')) return tag;
    sources.push(src);
    nonce ||= NONCE.exec(attributes)?.[1] ?? '';
    return '';
  });
  if (sources.length === 0) return html;
  // Short names: the loader is in every page's HTML.
  const prefix = sources.every((src) => src.startsWith(PREFIX)) ? PREFIX : '';
  const names = sources.map((src) => src.slice(prefix.length));
  const loader = `<script${nonce ? ` nonce="${nonce}"` : ''}>${loaderScript(names, prefix)}</script>`;
  return body.replace(CHUNK_PRELOAD, '') + loader + html.slice(end);
}

/**
 * The loader's text for these chunk names under `prefix`. A browser without paint timing loads
 * them at once (observe() would ignore the type).
 * @param {string[]} names
 * @param {string} prefix
 */
function loaderScript(names, prefix) {
  return (
    `(()=>{const d=document,P=PerformanceObserver,g=()=>{for(const s of ${JSON.stringify(names)})` +
    `d.head.append(Object.assign(d.createElement("script"),{src:${JSON.stringify(prefix)}+s}))};` +
    `P.supportedEntryTypes?.includes("paint")?new P((l,o)=>{o.disconnect();g()})` +
    `.observe({type:"paint",buffered:!0}):g()})()`
  );
}

const LOADER =
  /^\(\(\)=>\{const d=document,P=PerformanceObserver,g=\(\)=>\{for\(const s of (\[[^\]]*\])\)d\.head\.append\(Object\.assign\(d\.createElement\("script"\),\{src:("[^"]*")\+s/;

/**
 * Whether an inline script is exactly a loader this module writes (for the page's CSP): its
 * names and prefix are read back and the text written again, so nothing else passes.
 * @param {string} text
 */
export function isScriptsLoader(text) {
  const match = LOADER.exec(text);
  if (!match) return false;
  try {
    const names = JSON.parse(match[1] ?? '');
    const prefix = JSON.parse(match[2] ?? '');
    return (
      Array.isArray(names) &&
      names.every((name) => typeof name === 'string' && /^[\w./-]+\.js$/.test(name)) &&
      typeof prefix === 'string' &&
      loaderScript(names, prefix) === text
    );
  } catch {
    return false;
  }
}
