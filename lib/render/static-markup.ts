// Pure: server components' output as HTML, for the parts of a page that never change in the
// browser (lib/render/island.tsx). React is not used for them on the client, so their markup goes
// into the page once, not a second time into the inline React payload. It renders what our
// components use and refuses the rest (event handlers, inline styles, client components, hooks,
// async components) with an error naming it, so a component that needs more cannot slip in.
import { Fragment, type ReactNode } from 'react';

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

// React's prop names that differ from the attribute they write.
const ATTRIBUTES: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  hrefLang: 'hreflang',
  dateTime: 'datetime',
  fetchPriority: 'fetchpriority',
  srcSet: 'srcset',
  tabIndex: 'tabindex',
  readOnly: 'readonly',
  maxLength: 'maxlength',
  autoComplete: 'autocomplete',
  crossOrigin: 'crossorigin',
  referrerPolicy: 'referrerpolicy',
  spellCheck: 'spellcheck',
  colSpan: 'colspan',
  rowSpan: 'rowspan',
  enterKeyHint: 'enterkeyhint',
  inputMode: 'inputmode',
  defaultValue: 'value',
  defaultChecked: 'checked',
  viewBox: 'viewBox',
  strokeWidth: 'stroke-width',
  strokeLinecap: 'stroke-linecap',
  strokeLinejoin: 'stroke-linejoin',
  fillRule: 'fill-rule',
  clipRule: 'clip-rule',
};

// Attributes that are present or absent: true writes them bare, false leaves them out.
const BOOLEAN = new Set([
  'open',
  'hidden',
  'readonly',
  'disabled',
  'checked',
  'required',
  'async',
  'defer',
  'multiple',
  'selected',
  'autofocus',
  'novalidate',
]);

// The attributes whose value a browser follows as a URL, and React's test for a javascript: URL
// (control characters and spaces before it, tabs and newlines inside the word, any case).
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formAction', 'xlinkHref']);
const JAVASCRIPT_URL =
  /^[\u0000-\u001F ]*j[\r\n\t]*a[\r\n\t]*v[\r\n\t]*a[\r\n\t]*s[\r\n\t]*c[\r\n\t]*r[\r\n\t]*i[\r\n\t]*p[\r\n\t]*t[\r\n\t]*:/i;
/** What React writes instead of a javascript: URL: a link that does nothing but throw. */
export const BLOCKED_URL =
  "javascript:throw new Error('React has blocked a javascript: URL as a security precaution.')";

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

type Element = { $$typeof: symbol; type: unknown; props: Record<string, unknown> };

function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && '$$typeof' in node && 'props' in node;
}

function attributes(tag: string, props: Record<string, unknown>): string {
  let out = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || name === 'dangerouslySetInnerHTML' || name === 'key') continue;
    if (value === undefined || value === null) continue;
    if (/^on[A-Z]/.test(name) || name === 'style' || name === 'ref') {
      throw new Error(`<${tag} ${name}>: static markup has no ${name} (it is never hydrated)`);
    }
    const attribute =
      ATTRIBUTES[name] ?? (/^(aria|data)-/.test(name) || !/[A-Z]/.test(name) ? name : undefined);
    if (!attribute) throw new Error(`<${tag} ${name}>: add the attribute to static-markup.ts`);
    if (typeof value === 'boolean' && !/^(aria|data)-/.test(attribute)) {
      if (value) out += ` ${attribute}${BOOLEAN.has(attribute) ? '' : `="true"`}`;
      continue;
    }
    if (typeof value === 'object' || typeof value === 'function') {
      throw new Error(`<${tag} ${name}>: not a string or number`);
    }
    // Refused as React refuses it: a link from content must never run script when clicked.
    const text =
      URL_ATTRIBUTES.has(name) && JAVASCRIPT_URL.test(String(value)) ? BLOCKED_URL : String(value);
    out += ` ${attribute}="${escapeAttribute(text)}"`;
  }
  return out;
}

/** The HTML of a tree of host elements and synchronous, hook-free function components. */
export function renderStaticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string') return escapeText(node);
  if (typeof node === 'number' || typeof node === 'bigint') return String(node);
  if (Array.isArray(node)) return node.map(renderStaticMarkup).join('');
  if (!isElement(node)) {
    throw new Error(`static markup cannot render ${Object.prototype.toString.call(node)}`);
  }
  const { type, props } = node;
  if (type === Fragment) return renderStaticMarkup(props.children as ReactNode);
  if (typeof type === 'function') {
    const output = (type as (props: unknown) => unknown)(props);
    if (output instanceof Promise) {
      throw new Error(`${type.name}: static markup renders synchronous components only`);
    }
    return renderStaticMarkup(output as ReactNode);
  }
  if (typeof type !== 'string') {
    throw new Error('static markup cannot render client components or React built-ins');
  }
  const open = `<${type}${attributes(type, props)}>`;
  if (VOID.has(type)) return open;
  const inner = props.dangerouslySetInnerHTML as { __html?: string } | undefined;
  const children = inner ? (inner.__html ?? '') : renderStaticMarkup(props.children as ReactNode);
  return `${open}${children}</${type}>`;
}
