// @ts-check
// Pure: the one script a page runs in the browser, in place of React and the App Router's runtime
// (docs/adr/030-no-react-in-the-browser.md). Plain JavaScript, because the cache handler
// (lib/cache/handler.mjs), which Next loads without bundling, applies it to each cached page's
// final HTML; pages rendered per request (search) get it from lib/http/page-script-response.ts.
//
// Nothing on our pages is rendered in the browser: links are plain (ADR 002) and the markup is
// static (ADR 011). The runtime (130 KB gzipped) was loaded only to hydrate three small client
// components, and its evaluation was the whole of the article's main-thread time above the floor
// (issue 24). What those components did is below, in plain script.

// `<script src="/_next/static/…">` with nothing inside, as React writes it: the chunks (`async`),
// the legacy polyfill (`noModule`), with the request's nonce on pages rendered per request.
const CHUNK_SCRIPT = /<script src="\/_next\/static\/[^"]+\.js"((?: [\w-]+="[^"]*")*)><\/script>/g;
// The low-priority preloads of the same chunks.
const CHUNK_PRELOAD =
  /<link rel="preload" as="script" fetchPriority="low"(?: nonce="[^"]*")? href="\/_next\/static\/[^"]+\.js"\/>/g;
// An inline script as React writes it (it escapes "</" inside, so the first end tag closes it).
const INLINE_SCRIPT = /<script((?: (?:id|nonce)="[^"]*")*)>([\s\S]*?)<\/script>/g;
const NONCE = / nonce="([^"]*)"/;

// The inline scripts Next writes into a page, each a call with a JSON literal and nothing else:
// the payload's first push, its pushes of [kind, data], and Turbopack's runtime bootstrap.
const NEXT_PAYLOAD_START = '(self.__next_f=self.__next_f||[]).push([0])';
const NEXT_PAYLOAD = /^self\.__next_f\.push\(([\s\S]*)\)$/;
const TURBOPACK_BOOTSTRAP =
  /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\(([\s\S]*)\);?$/;

/** @param {string} text */
function json(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether an inline script is exactly one of the kinds Next writes (the payload, the bootstrap):
 * a call with a JSON literal, nothing else.
 * @param {string} text
 */
export function isNextScript(text) {
  if (text === NEXT_PAYLOAD_START) return true;
  const payload = NEXT_PAYLOAD.exec(text);
  if (payload) {
    const value = json(payload[1] ?? '');
    return Array.isArray(value) && typeof value[0] === 'number';
  }
  const bootstrap = TURBOPACK_BOOTSTRAP.exec(text);
  if (bootstrap) {
    const value = json(bootstrap[1] ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
  return false;
}

// The script, in parts. It is in every page's HTML, so its names are short; `d` is the document.
//
// Counts one view when the article is really seen: not while prerendered or in a background tab.
// The address is on the article element (the first in the document, before any body markup).
const VIEW =
  'const v=d.querySelector("article[data-view]")?.dataset.view;' +
  'if(v){let s=0;const f=()=>{if(s||d.visibilityState!="visible"||d.prerendering)return;s=1;' +
  'navigator.sendBeacon?.(v)||fetch(v,{method:"POST",keepalive:!0})};f();' +
  'd.addEventListener("visibilitychange",f);d.addEventListener("prerenderingchange",f)}';
// Escape closes the 栏目 menu and the share panel, and gives focus back to their summary.
const ESCAPE =
  'd.addEventListener("keydown",e=>{if(e.key=="Escape")for(const m of ' +
  'd.querySelectorAll("details.nav-menu[open],details.share[open]"))' +
  '{m.open=!1;m.querySelector("summary")?.focus()}});';
// The share panel's 复制链接 button and its polite live region, made here because they are of use
// only with script; the button copies the link, or selects it where there is no clipboard (a
// page over plain HTTP, or refused) for the reader to copy by hand.
const COPY =
  'for(const b of d.querySelectorAll(".share-copy")){const t=d.createElement("span");' +
  't.setAttribute("aria-live","polite");' +
  'b.append(Object.assign(d.createElement("button"),{type:"button",textContent:"复制链接"}),t)}' +
  'd.addEventListener("click",async e=>{const b=e.target.closest?.(".share-copy>button"),' +
  'i=b?.parentElement.querySelector("input"),t=b?.nextElementSibling;if(!i||!t)return;' +
  't.textContent="";let m="已复制";try{await navigator.clipboard.writeText(i.value)}' +
  'catch{i.focus();i.select();m="已选中链接，请长按或按 Ctrl+C 复制"}t.textContent=m});';

/**
 * The page's script: its parts run once the browser reports the first paint, so nothing competes
 * with the page's own first frame (ADR 016); a browser without paint timing runs them at once
 * (observe() would ignore the type), a tab loaded in the background when it is shown.
 */
export const PAGE_SCRIPT =
  `(()=>{const d=document,r=()=>{${VIEW}${ESCAPE}${COPY}},P=PerformanceObserver;` +
  `P.supportedEntryTypes?.includes("paint")?new P((l,o)=>{o.disconnect();r()})` +
  `.observe({type:"paint",buffered:!0}):r()})()`;

/** Whether an inline script is exactly the page script (for the page's CSP). @param {string} text */
export function isPageScript(text) {
  return text === PAGE_SCRIPT;
}

/**
 * A Next page as the browser gets it: the App Router's scripts (the chunks, their preloads, the
 * polyfill, the inline payload and bootstrap) taken out, and the page script added at the end of
 * <body>, with the nonce of a page rendered per request. HTML without Next's chunk scripts (so
 * also HTML already changed), or without a </body>, is returned as it is. Under `next dev`
 * (`keepNext`) Next's scripts stay, for its hot reloading and error overlay, beside the page
 * script.
 * @param {string} html
 * @param {{ keepNext?: boolean }} [options]
 * @returns {string}
 */
export function withPageScript(html, { keepNext = false } = {}) {
  const end = html.lastIndexOf('</body>');
  if (end < 0) return html;
  let found = false;
  let nonce = '';
  // Everything before </body>: the head and the body's content.
  const before = html.slice(0, end).replace(CHUNK_SCRIPT, (tag, attributes) => {
    found = true;
    nonce ||= NONCE.exec(attributes)?.[1] ?? '';
    return keepNext ? tag : '';
  });
  if (!found || before.includes(PAGE_SCRIPT)) return html;
  const kept = keepNext
    ? before
    : before
        .replace(CHUNK_PRELOAD, '')
        .replace(INLINE_SCRIPT, (tag, _attributes, text) => (isNextScript(text) ? '' : tag));
  const script = `<script${nonce ? ` nonce="${nonce}"` : ''}>${PAGE_SCRIPT}</script>`;
  return kept + script + html.slice(end);
}
