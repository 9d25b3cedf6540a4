// Pure: 简体 → 繁體 for the 繁體 edition (docs/adr/021-traditional-chinese-edition.md), with
// OpenCC's phrase-level Taiwan tables (cn → twp: 软件 → 軟體, 网络 → 網路, not only character by
// character). HTML is converted as text only: tags, attributes that hold URLs or values, code,
// scripts and spans editors mark as fixed (translate="no", docs/editors.md) are left as they are,
// and the site's own links point to the 繁體 edition.
import * as OpenCC from 'opencc-js';
import { serializeJsonLd } from '@/lib/seo/json-ld';
import { EDITION_LANG, hantHref } from './edition';

type Convert = (text: string) => string;
let cnToTw: Convert | undefined;
let twToCn: Convert | undefined;

/** Builds the converter (about 1–3 s and 30–50 MB on first use; see docs/benchmarks.md). */
export function warmHant(): void {
  cnToTw ??= OpenCC.Converter({ from: 'cn', to: 'twp' });
}

// Text with no CJK character (numbers, Latin words, whitespace) is never changed: skip the trie.
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Plain text, 简体 → 繁體. */
export function toHant(text: string): string {
  if (!HAN.test(text)) return text;
  warmHant();
  return (cnToTw as Convert)(text);
}

/** Plain text, 繁體 (or mixed) → 简体: a query typed on a 繁體 page, for the 简体 index. */
export function toHans(text: string): string {
  if (!HAN.test(text)) return text;
  twToCn ??= OpenCC.Converter({ from: 'twp', to: 'cn' });
  return twToCn(text);
}

// Elements whose content is never converted: code and machine text, and scripts and styles.
const RAW = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'textarea']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
// Attributes read by people: converted. Everything else (href, src, id, class, value, data-*) is
// kept, apart from the site's own links, which move to the 繁體 edition.
const TEXT_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'placeholder', 'label']);
const LINK_ATTRIBUTES = new Set(['href', 'action']);

const TOKEN =
  /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&lt;': '<',
  '&gt;': '>',
};
const unescapeAttribute = (value: string) =>
  value.replace(/&(?:amp|quot|#39|#x27|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** Converts the attributes of one start tag; `fixed`: inside a protected element (text kept). */
function convertTag(name: string, source: string, fixed: boolean, origin: string): string {
  // A link that names its language (the 简/繁 switch) already points where it should.
  const ownLanguage = /\shreflang\s*=/i.test(source);
  const attributes = source.replace(ATTRIBUTE, (whole, key: string, ...values: unknown[]) => {
    const raw = (values[0] ?? values[1] ?? values[2]) as string | undefined;
    if (raw === undefined) return whole;
    const lower = key.toLowerCase();
    const value = unescapeAttribute(raw);
    let next = value;
    if (LINK_ATTRIBUTES.has(lower) && !ownLanguage) next = hantHref(value);
    else if (TEXT_ATTRIBUTES.has(lower) && !fixed) next = toHant(value);
    // The share box's address of this very page.
    else if (lower === 'value' && origin && value.startsWith(`${origin}/`)) {
      next = hantOwnUrls(value, origin);
    }
    return next === value ? whole : `${key}="${escapeAttribute(next)}"`;
  });
  return `<${name}${attributes}>`;
}

/**
 * Whether an element's content is protected: code, a script, marked by an editor
 * (translate="no"), or in a language of its own (lang="…", such as the 简体 link of the switch).
 */
function protects(name: string, source: string): boolean {
  return RAW.has(name) || /\s(?:translate\s*=\s*["']?no\b|lang\s*=)/i.test(source);
}

/** JSON-LD: every text converted, the site's own URLs moved to the 繁體 edition. */
export function hantJsonLd(json: string, origin: string): string {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') {
      if (key === 'inLanguage') return EDITION_LANG.hant;
      if (value.startsWith(`${origin}/`)) return `${origin}${hantHref(value.slice(origin.length))}`;
      return /^[a-z]+:\/\//i.test(value) || key === '@type' || key === '@context'
        ? value
        : toHant(value);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  try {
    return serializeJsonLd(walk(JSON.parse(json)) as Record<string, unknown>);
  } catch {
    return json;
  }
}

/**
 * An HTML fragment (well-formed, as our renderer and the Markdown pipeline write it) in 繁體.
 * `origin`: the site's origin, so that JSON-LD URLs move to the 繁體 edition too.
 */
export function hantHtml(html: string, origin = ''): string {
  let out = '';
  let last = 0;
  // Open elements, and how many of them protect their content.
  const open: { name: string; protect: boolean }[] = [];
  let protectedDepth = 0;
  let jsonLd = false;
  for (const match of html.matchAll(TOKEN)) {
    const text = html.slice(last, match.index);
    if (jsonLd) out += hantJsonLd(text, origin);
    else out += protectedDepth > 0 ? text : toHant(text);
    last = match.index + match[0].length;
    const [token, closing, opening, source = ''] = match;
    if (closing) {
      const name = closing.toLowerCase();
      const at = open.findLastIndex((element) => element.name === name);
      if (at !== -1) {
        for (const element of open.splice(at)) if (element.protect) protectedDepth -= 1;
      }
      jsonLd = false;
      out += token;
    } else if (opening) {
      const name = opening.toLowerCase();
      out += convertTag(opening, source, protectedDepth > 0, origin);
      if (!VOID.has(name) && !source.trimEnd().endsWith('/')) {
        const protect = protects(name, source);
        open.push({ name, protect });
        if (protect) protectedDepth += 1;
        jsonLd = name === 'script' && /type\s*=\s*["']?application\/ld\+json/i.test(source);
      }
    } else {
      out += token;
    }
  }
  const rest = html.slice(last);
  return out + (protectedDepth > 0 ? rest : toHant(rest));
}

/** The site's own absolute URLs in `text` moved to the 繁體 edition (files and others kept). */
export function hantOwnUrls(text: string, origin: string): string {
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(
    new RegExp(`${escaped}(/[^\\s"'<>\\]]*)?`, 'g'),
    (_, path: string | undefined) => `${origin}${hantHref(path ?? '/')}`,
  );
}

/**
 * An RSS feed in 繁體: text and the bodies in it converted as HTML (code and fixed names kept),
 * its links to the site's pages moved to the 繁體 edition, its language zh-Hant.
 */
export function hantFeed(xml: string, origin: string): string {
  return hantOwnUrls(hantHtml(xml, origin), origin).replace(
    /<language>[^<]*<\/language>/,
    `<language>${EDITION_LANG.hant}</language>`,
  );
}
