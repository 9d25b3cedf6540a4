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

// What stands before the lede in a news article and is no part of it. Each pattern was met in
// the sample content or in the agency copy it comes from (tests in text.test.ts).
/** 原标题:…, 编者按：…, 【导读】…: the whole paragraph goes. */
const NOT_LEDE =
  /^[【\[（(]?\s*(?:原标题|原题|编者按|编者的话|编辑提示|编辑说明|导读|题记)\s*[】\]）)]?\s*[:：]?/;
/** Photo captions: 图为…, 上图：…, ▲…, （图片来源：…）, or a line ending in 记者 X 摄. */
const CAPTION =
  /^(?:图为|图片为|[上下左右]图[:：]|图[:：]|[▲△↑↓]|[（(]?(?:图片来源|图片由|供图|摄影)[:：])|(?:记者|通讯员|摄影|摄)\s*[\p{Script=Han}·\s]{1,12}\s*摄[)）]?$/u;
/** A byline alone in its paragraph: 潮新闻 记者 朱平, 本报记者 张三 通讯员 李四 (short, no sentence). */
const BYLINE = /(?:记者|通讯员|实习生|撰稿|撰文|编译|整理|文\s*[\/|｜]|来源[:：])/;
/** A dateline or byline at the start of the lede: 天山网讯(记者 X报道), 新华社北京1月23日电（记者X）, 本报讯 */
const DATELINE = [
  /^[^，。,.：:（(\s]{1,24}?(?:讯|电)\s*[（(][^）)]{0,40}[）)]\s*[:：]?\s*/,
  /^[（(]\s*(?:本报)?记者[^）)]{0,40}[）)]\s*/,
  /^[^，。,.：:（(\s]{1,24}?(?:讯|电)(?:\s+|[:：]\s*)/,
];

function isLede(paragraph: string): boolean {
  if (NOT_LEDE.test(paragraph) || CAPTION.test(paragraph)) return false;
  // A short paragraph with no sentence punctuation that names a reporter is a byline.
  return !(
    Array.from(paragraph).length <= 40 &&
    BYLINE.test(paragraph) &&
    !/[，。！？,!?]/.test(paragraph)
  );
}

/** The lede without the dateline or byline in front of it. */
export function stripDateline(paragraph: string): string {
  for (const pattern of DATELINE) {
    const rest = paragraph.replace(pattern, '');
    if (rest !== paragraph && rest.length > 0) return rest;
  }
  return paragraph;
}

/**
 * The automatic excerpt of an article without a summary: its lede, skipping 原标题, editors'
 * notes, bylines, datelines and photo captions before it. One paragraph only: two are never run
 * together into one line.
 */
export function autoExcerpt(paragraphs: string[], max = SUMMARY_LENGTH): string {
  const lede = paragraphs.find(isLede);
  return truncateText(lede === undefined ? '' : stripDateline(lede), max);
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
