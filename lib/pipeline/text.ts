// Pure, build time: plain text, excerpts and reading time from a parsed Markdown body.
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { READING_CHARS_PER_MINUTE, SUMMARY_LENGTH } from '../content/rules';

// Raw HTML must never reach a plain-text excerpt, even as text.
function textOf(node: RootContent | Root): string {
  if (node.type === 'html') return '';
  if ('children' in node) return node.children.map((child) => textOf(child)).join('');
  return toString(node);
}

/** The plain paragraphs of a parsed body: no raw HTML, code or headings. */
export function paragraphsOf(tree: Root): string[] {
  return tree.children
    .filter((node) => node.type !== 'html' && node.type !== 'code' && node.type !== 'heading')
    .map((node) => textOf(node).replace(/\s+/g, ' ').trim())
    .filter((text) => text.length > 0);
}

const SENTENCE_END = /[。！？!?；;]/g;

/** Cut at a sentence end when one falls in the last third, otherwise hard with an ellipsis. */
export function truncateText(text: string, max = SUMMARY_LENGTH): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max).join('');
  let cut = -1;
  for (const match of head.matchAll(SENTENCE_END)) cut = match.index + 1;
  if (cut >= Math.floor((max * 2) / 3)) return head.slice(0, cut);
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** The automatic excerpt of an article without a summary, from its plain paragraphs. */
export function autoExcerpt(paragraphs: string[], max = SUMMARY_LENGTH): string {
  return truncateText(paragraphs[0] ?? '', max);
}

/** Counts CJK characters one each and Latin words one each. */
export function countReadableUnits(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const words = text.replace(/[\p{Script=Han}]/gu, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return cjk + words;
}

export function readingMinutes(text: string): number {
  return Math.max(1, Math.round(countReadableUnits(text) / READING_CHARS_PER_MINUTE));
}
