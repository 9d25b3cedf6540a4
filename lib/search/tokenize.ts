// Chinese has no spaces: words come from jieba's search mode, which yields both 民族团结 and
// 民族/团结. Traditional characters are folded to simplified; Latin words and numbers are
// lower-cased so 5G and 2024年 are searchable.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Jieba } from '@node-rs/jieba';
import * as OpenCC from 'opencc-js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  // Required at run time from the project, not bundled: jieba is a native addon, and both the
  // Contentlayer config bundle and the Next server load this module.
  if (!jieba) {
    const load = createRequire(path.join(process.cwd(), 'package.json'));
    const { Jieba: Segmenter } = load('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = load('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    jieba = Segmenter.withDict(dict);
  }
  return jieba;
}

let toSimplified: ((text: string) => string) | undefined;
export function simplify(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return toSimplified(text);
}

const STOP = new Set([
  '的',
  '了',
  '和',
  '是',
  '在',
  '与',
  '及',
  '也',
  '就',
  '都',
  '而',
  '或',
  '之',
  '其',
  '把',
  '被',
]);
const WORD = /[\p{L}\p{N}]/u;

function clean(tokens: string[]): string[] {
  return tokens
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token && WORD.test(token) && !STOP.has(token));
}

/** Every index term of a text: fine and coarse words. */
export function indexTerms(text: string): string[] {
  return clean(segmenter().cutForSearch(text.normalize('NFKC'), true));
}

/** The words a reader typed (coarse), for "all words present" and for highlighting. */
export function queryWords(query: string): string[] {
  const words = query
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((part) => clean(segmenter().cut(part, true)));
  return [...new Set(words)];
}

export function normalizeQuery(raw: string): string {
  return simplify(raw.normalize('NFKC')).replace(/\s+/g, ' ').trim().toLowerCase();
}
