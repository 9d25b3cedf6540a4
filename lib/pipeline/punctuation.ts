// Pure, build time: half-width punctuation in Chinese text (GB/T 15834-2011 标点符号用法).
// Chinese text takes full-width marks: "成都市武侯区:办好…,建设…" must read "成都市武侯区：办好…，建设…".
// The content check warns on each one (file, line, column, the mark and its replacement) and
// `content:check --fix` rewrites the safe ones in place.
//
// One pass over each text with character tests, no backtracking regular expressions: the check
// runs in every build, over archives of 100,000 articles. What is not prose is left alone:
// code (fenced, indented, inline), HTML, URLs and link targets, entities, numbers (3.14, 1,000,
// 10:30), English phrases, and Markdown syntax (list markers, tables, link syntax, emphasis).
// A backslash before a mark in the body (`\,`) keeps it half-width on purpose; in the front
// matter a comment `# 保留半角` on the field's line does the same.
// Why a scanner and not a Markdown parser: docs/adr/024-punctuation-check-single-pass.md.
import { isMap, isScalar, parseDocument, Scalar } from 'yaml';
import type { Problem, SourceFile } from './check';

/** One replacement in the source text, by offset (UTF-16 code units). */
export type PunctuationEdit = { start: number; end: number; replacement: string };
export type PunctuationFinding = {
  /** Front-matter field, or `body`. */
  field: string;
  /** Where the first edit starts: the position reported to the editor. */
  index: number;
  /** What is written now and what it should be, as shown to the editor: `:` → `：`, `(…)` → `（…）`. */
  found: string;
  replacement: string;
  /** Whether `--fix` may apply the edits without a person deciding. */
  fixable: boolean;
  edits: PunctuationEdit[];
};

/** Front-matter fields that hold Chinese prose (articles, pages and categories). */
export const PROSE_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'summary',
  'coverAlt',
  'coverCaption',
  'description',
  'name',
  'source',
  'editor',
]);

/** The comment that keeps a front-matter field's half-width marks: `title: Yahoo!中国 # 保留半角`. */
export const KEEP_MARKER = '保留半角';

const FULL: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
  '.': '。',
};

// Character classes by code (UTF-16 unit).
const isHan = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  // Surrogates of the supplementary ideographs (U+20000–U+3FFFF).
  (c >= 0xd840 && c <= 0xd8bf);
/** Han, Chinese punctuation, full-width forms, curly quotes, …… and ——. */
const isChinese = (c: number) =>
  isHan(c) ||
  (c >= 0x3000 && c <= 0x303f) ||
  (c >= 0xff01 && c <= 0xff60) ||
  (c >= 0x2018 && c <= 0x201d) ||
  c === 0x2026 ||
  c === 0x2014;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAsciiAlnum = (c: number) =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isSpace = (c: number) => c === 0x20 || c === 0x09;
const isLineEnd = (c: number) => c === 0x0a || c === 0x0d;
/** Markdown emphasis markers, looked through to find a mark's neighbour: **重点**: → 点. */
const isEmphasis = (c: number) => c === 0x2a || c === 0x5f || c === 0x7e;
const isAsciiPunctuation = (c: number) =>
  (c >= 0x21 && c <= 0x2f) ||
  (c >= 0x3a && c <= 0x40) ||
  (c >= 0x5b && c <= 0x60) ||
  (c >= 0x7b && c <= 0x7e);

const COMMA = 0x2c;
const DOT = 0x2e;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const BANG = 0x21;
const QUESTION = 0x3f;
const LPAREN = 0x28;
const RPAREN = 0x29;
const QUOTE = 0x22;
const FULL_LPAREN = 0xff08;
const FULL_RPAREN = 0xff09;
const CURLY_OPEN = 0x201c;
const CURLY_CLOSE = 0x201d;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const LT = 0x3c;
const AMP = 0x26;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

// Sticky, bounded: a URL's scheme is at most 32 letters, the rest stops at the first space,
// quote or Chinese character. Tried only where an ASCII word starts.
const URL_AT =
  /(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)[^\s<>"'\u2018-\u201d\u3000-\u9fff\uff00-\uffef]*/iy;
const ENTITY_AT = /&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/iy;
const EMAIL_AT = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+/iy;

type Mode = {
  /** Markdown inline syntax: code spans, HTML, links, escapes. */
  markdown: boolean;
  /** Whether straight double quotes are looked at (not inside a YAML "…" scalar). */
  quotes: boolean;
  /** A backslash escapes the next character (Markdown, YAML "…"). */
  escapes: boolean;
};

type Opener = { pos: number; ascii: boolean; han: number };

class Scanner {
  han = 0;
  /** Where the next @ is: e-mail addresses are looked for only before one. */
  private nextAt = -2;
  /** Where the next > is (tags), as nextAt. */
  private nextGt = -2;
  /** Backtick run lengths with no closer after the last search: none later either. */
  private unclosed = new Map<number, number>();
  constructor(
    readonly text: string,
    readonly field: string,
    readonly out: PunctuationFinding[],
  ) {}

  private code(i: number) {
    return this.text.charCodeAt(i);
  }

  /** The character before i within [from, i), looking through emphasis markers; -1 if none. */
  private before(i: number, from: number) {
    let j = i - 1;
    while (j >= from && isEmphasis(this.code(j))) j -= 1;
    return j >= from ? this.code(j) : -1;
  }

  private after(i: number, to: number) {
    let j = i;
    while (j < to && isEmphasis(this.code(j))) j += 1;
    return j < to ? this.code(j) : -1;
  }

  private add(
    edits: PunctuationEdit[],
    found: string,
    replacement: string,
    fixable = true,
    index = edits[0]?.start ?? 0,
  ) {
    this.out.push({ field: this.field, index, found, replacement, fixable, edits });
  }

  /** A single mark at [start, end) becomes `full`, and the spaces after it go (full-width marks carry their own). */
  private mark(start: number, end: number, full: string, to: number) {
    let stop = end;
    while (stop < to && isSpace(this.code(stop))) stop += 1;
    // Spaces before the end of the line may be a Markdown hard break: keep them.
    if (stop === to || isLineEnd(this.code(stop))) stop = end;
    const found = this.text.slice(start, end);
    this.add([{ start, end: stop, replacement: full }], found, full);
  }

  /** Scans [from, to) of prose. */
  scan(from: number, to: number, mode: Mode) {
    const text = this.text;
    const parens: Opener[] = [];
    const quotes: Opener[] = [];
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (mode.escapes && c === BACKSLASH) {
          // `\,` keeps the mark on purpose; `\\` is a backslash.
          i += i + 1 < to && isAsciiPunctuation(this.code(i + 1)) ? 2 : 1;
          continue;
        }
        if (mode.markdown && c === BACKTICK) {
          i = this.skipCodeSpan(i, to);
          continue;
        }
        if (mode.markdown && c === LT) {
          // Cached: a line of a thousand < and no > must not be searched a thousand times.
          if (this.nextGt !== -1 && this.nextGt <= i) this.nextGt = text.indexOf('>', i + 1);
          const end = this.nextGt;
          const next = i + 1 < to ? this.code(i + 1) : -1;
          // A tag, comment or autolink: <span>, </p>, <!-- -->, <https://…>.
          if (
            end !== -1 &&
            end < to &&
            (isAsciiLetter(next) || next === 0x2f || next === BANG || next === QUESTION)
          ) {
            i = end + 1;
            continue;
          }
          i += 1;
          continue;
        }
        if (mode.markdown && c === RBRACKET && i + 1 < to && this.code(i + 1) === LPAREN) {
          i = this.skipLinkTarget(i + 1, to, mode);
          continue;
        }
        if (mode.markdown && c === BANG && i + 1 < to && this.code(i + 1) === LBRACKET) {
          i += 1; // ![alt](src): the image's mark.
          continue;
        }
        if (c === AMP) {
          ENTITY_AT.lastIndex = i;
          if (ENTITY_AT.test(text) && ENTITY_AT.lastIndex <= to) {
            i = ENTITY_AT.lastIndex;
            continue;
          }
          i += 1;
          continue;
        }
        if (isAsciiAlnum(c) && (i === from || !isAsciiAlnum(this.code(i - 1)))) {
          const end = this.skipUrl(i, to);
          if (end > i) {
            i = end;
            continue;
          }
          i += 1;
          continue;
        }
        switch (c) {
          case COMMA:
          case COLON:
          case SEMICOLON: {
            const before = this.before(i, from);
            const after = this.after(i + 1, to);
            // 3,000 · 10:30 · 1;2 are numbers; "C:/" and "a:b" are not prose.
            if (isDigit(before) && isDigit(after)) break;
            if (isChinese(before) || isHan(after)) {
              this.mark(i, i + 1, FULL[text[i]!]!, to);
            }
            break;
          }
          case BANG:
          case QUESTION: {
            // A run such as ?! is decided by what comes before it: 什么?! but Yahoo!中国.
            let end = i;
            while (end < to && (this.code(end) === BANG || this.code(end) === QUESTION)) end += 1;
            if (isChinese(this.before(i, from))) {
              for (let k = i; k < end; k += 1) {
                const full = FULL[text[k]!]!;
                if (k === end - 1) this.mark(k, k + 1, full, to);
                else this.add([{ start: k, end: k + 1, replacement: full }], text[k]!, full);
              }
            }
            i = end;
            continue;
          }
          case DOT: {
            let end = i + 1;
            while (end < to && this.code(end) === DOT) end += 1;
            const run = end - i;
            const before = this.before(i, from);
            const after = this.after(end, to);
            if (run >= 3) {
              // 省略号 is …… (two U+2026), whatever the number of dots.
              if (isChinese(before) || isHan(after)) this.mark(i, end, '……', to);
            } else if (
              run === 1 &&
              isChinese(before) &&
              (after === -1 || isSpace(after) || isLineEnd(after) || isChinese(after))
            ) {
              // 句号 after Chinese at the end of a sentence; not 附件.pdf, not v1.0.
              this.mark(i, end, '。', to);
            }
            i = end;
            continue;
          }
          case LPAREN:
            parens.push({ pos: i, ascii: true, han: this.han });
            break;
          case RPAREN:
            this.closeParen(i, true, parens, from, to);
            break;
          case QUOTE:
            if (!mode.quotes) break;
            this.straightQuote(i, quotes, from, to);
            break;
          default:
            break;
        }
        i += 1;
        continue;
      }
      if (isHan(c)) this.han += 1;
      else if (c === FULL_LPAREN) parens.push({ pos: i, ascii: false, han: this.han });
      else if (c === FULL_RPAREN) this.closeParen(i, false, parens, from, to);
      else if (c === CURLY_OPEN && mode.quotes)
        quotes.push({ pos: i, ascii: false, han: this.han });
      else if (c === CURLY_CLOSE && mode.quotes) {
        const open = quotes.pop();
        if (open?.ascii) {
          // "民族团结” — the straight opener of a curly closer.
          this.add([{ start: open.pos, end: open.pos + 1, replacement: '“' }], '"', '“', false);
        }
      }
      i += 1;
    }
    // Left open: a lone ( or " next to Chinese is worth a look, but which mark it should be needs a person.
    for (const open of parens) {
      if (open.ascii && this.touchesHan(open.pos, from, to)) {
        this.add([{ start: open.pos, end: open.pos + 1, replacement: '（' }], '(', '（', false);
      }
    }
    for (const open of quotes) {
      if (open.ascii && this.touchesHan(open.pos, from, to)) {
        this.add([{ start: open.pos, end: open.pos + 1, replacement: '“' }], '"', '“”', false);
      }
    }
  }

  private touchesHan(i: number, from: number, to: number) {
    return isHan(this.before(i, from)) || isHan(this.after(i + 1, to));
  }

  private closeParen(i: number, ascii: boolean, parens: Opener[], from: number, to: number) {
    const open = parens.pop();
    if (!open) {
      // A lone ) as in 1)第一项: flag it next to Chinese, fix by hand.
      if (ascii && this.touchesHan(i, from, to)) {
        this.add([{ start: i, end: i + 1, replacement: '）' }], ')', '）', false);
      }
      return;
    }
    if (!open.ascii && !ascii) return;
    if (open.ascii && !ascii) {
      this.add([{ start: open.pos, end: open.pos + 1, replacement: '（' }], '(', '（');
      return;
    }
    if (!open.ascii && ascii) {
      this.add([{ start: i, end: i + 1, replacement: '）' }], ')', '）');
      return;
    }
    // (…) in Chinese: Chinese inside, or Chinese right outside — 人工智能(AI)技术, 案例(2022).
    this.pair(open, i, from, to, '()', '（）');
  }

  /** A pair of ASCII marks at open.pos and close, made full-width when it stands in Chinese. */
  private pair(open: Opener, close: number, from: number, to: number, ascii: string, full: string) {
    const chinese =
      this.han > open.han ||
      isChinese(this.before(open.pos, from)) ||
      isChinese(this.after(close + 1, to));
    if (!chinese) return;
    this.add(
      [
        { start: open.pos, end: open.pos + 1, replacement: full[0]! },
        { start: close, end: close + 1, replacement: full[1]! },
      ],
      `${ascii[0]}…${ascii[1]}`,
      `${full[0]}…${full[1]}`,
    );
  }

  private straightQuote(i: number, quotes: Opener[], from: number, to: number) {
    const top = quotes[quotes.length - 1];
    if (!top) {
      quotes.push({ pos: i, ascii: true, han: this.han });
      return;
    }
    quotes.pop();
    if (!top.ascii) {
      // “民族团结" — could as well open a quotation inside it: a person decides.
      this.add([{ start: i, end: i + 1, replacement: '”' }], '"', '”', false);
      return;
    }
    this.pair(top, i, from, to, '""', '“”');
  }

  /** A code span `…` (same number of backticks to close, on this line); a lone run is literal. */
  private skipCodeSpan(i: number, to: number) {
    let run = i;
    while (run < to && this.code(run) === BACKTICK) run += 1;
    const length = run - i;
    if ((this.unclosed.get(length) ?? -1) >= i) return run;
    let j = run;
    while (j < to) {
      if (this.code(j) !== BACKTICK) {
        j += 1;
        continue;
      }
      let k = j;
      while (k < to && this.code(k) === BACKTICK) k += 1;
      if (k - j === length) return k;
      j = k;
    }
    this.unclosed.set(length, to);
    return run;
  }

  /** ](target "title"): the target is skipped, the title (a caption) is prose. */
  private skipLinkTarget(open: number, to: number, mode: Mode) {
    let depth = 0;
    let j = open;
    let titleStart = -1;
    let titleQuote = 0;
    for (; j < to; j += 1) {
      const c = this.code(j);
      if (titleQuote) {
        if (c === titleQuote) {
          this.scan(titleStart, j, { ...mode, quotes: false, markdown: false });
          titleQuote = 0;
        }
        continue;
      }
      if (c === BACKSLASH) {
        j += 1;
      } else if (c === LPAREN) {
        depth += 1;
      } else if (c === RPAREN) {
        depth -= 1;
        if (depth === 0) return j + 1;
      } else if ((c === QUOTE || c === 0x27) && isSpace(this.code(j - 1))) {
        titleQuote = c;
        titleStart = j + 1;
      }
    }
    return j;
  }

  private skipUrl(i: number, to: number) {
    const text = this.text;
    URL_AT.lastIndex = i;
    let end = URL_AT.test(text) ? URL_AT.lastIndex : -1;
    if (end === -1) {
      if (this.nextAt !== -1 && this.nextAt < i) this.nextAt = text.indexOf('@', i);
      if (this.nextAt === -1 || this.nextAt >= to) return i;
      EMAIL_AT.lastIndex = i;
      return EMAIL_AT.test(text) ? Math.min(EMAIL_AT.lastIndex, to) : i;
    }
    end = Math.min(end, to);
    // As GFM autolinks: marks at the end belong to the sentence, not the URL, and so does a
    // ) that closes nothing in it.
    let balance = 0;
    for (let k = i; k < end; k += 1) {
      const d = this.code(k);
      if (d === LPAREN) balance += 1;
      else if (d === RPAREN) balance -= 1;
    }
    while (end > i) {
      const c = this.code(end - 1);
      if (
        c === DOT ||
        c === COMMA ||
        c === COLON ||
        c === SEMICOLON ||
        c === BANG ||
        c === QUESTION ||
        c === QUOTE
      ) {
        end -= 1;
      } else if (c === RPAREN && balance < 0) {
        balance += 1;
        end -= 1;
      } else break;
    }
    return end;
  }
}

// Block-level Markdown, line by line.
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_BLOCK =
  /^ {0,3}<\/?(?:address|article|aside|audio|blockquote|center|details|dialog|div|dl|dt|dd|figure|figcaption|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|pre|script|section|style|summary|table|tbody|td|textarea|tfoot|th|thead|tr|ul|video)(?:[\s/>]|$)/i;
const HTML_RAW = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;
const HTML_LONE_TAG = /^ {0,3}<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>\s*$/i;
const LINK_DEFINITION = /^ {0,3}\[[^\]^][^\]]*\]:/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^[^\]]+\]:/;
/** | --- | :-: | (and --- or ***): syntax only. */
const TABLE_DELIMITER = /^[\s|:*-]+$/;
const BLOCK_PREFIX = / {0,3}(?:>\s?|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$))/y;
const TASK_BOX = /\s*\[[ xX]\]\s/y;

function scanMarkdown(scanner: Scanner, text: string, from: number, to: number) {
  const prose: Mode = { markdown: true, quotes: true, escapes: true };
  let fence = '';
  let html: 'blank' | 'comment' | RegExp | null = null;
  let blank = true;
  let code = false;
  let list = false;
  let start = from;
  while (start < to) {
    let end = text.indexOf('\n', start);
    if (end === -1 || end > to) end = to;
    const next = end + 1;
    let lineEnd = end;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd -= 1;
    const line = text.slice(start, lineEnd);
    const isBlank = line.trim() === '';
    if (fence) {
      const close = FENCE.exec(line);
      if (
        close?.[1] &&
        close[1][0] === fence[0] &&
        close[1].length >= fence.length &&
        line.slice(close[0].length).trim() === ''
      ) {
        fence = '';
      }
    } else if (html) {
      if (
        html === 'blank' ? isBlank : html === 'comment' ? line.includes('-->') : html.test(line)
      ) {
        html = null;
      }
      blank = isBlank;
    } else if (isBlank) {
      blank = true;
    } else {
      let indent = 0;
      while (indent < line.length && (line[indent] === ' ' || line[indent] === '\t')) {
        indent += line[indent] === '\t' ? 4 : 1;
      }
      const open = FENCE.exec(line);
      if (indent >= 4 && (blank || code) && !list) {
        code = true; // Indented code.
      } else if (open?.[1]) {
        fence = open[1];
        code = false;
      } else if (/^ {0,3}<!--/.test(line)) {
        html = line.includes('-->') ? null : 'comment';
      } else if (HTML_RAW.test(line)) {
        const tag = HTML_RAW.exec(line)![1]!;
        const close = new RegExp(`</${tag}>`, 'i');
        html = close.test(line) ? null : close;
      } else if (HTML_BLOCK.test(line) || (blank && HTML_LONE_TAG.test(line))) {
        html = 'blank';
      } else if (LINK_DEFINITION.test(line) || TABLE_DELIMITER.test(line)) {
        // [id]: https://… "title" and | --- | :-: |: syntax only.
      } else {
        code = false;
        let at = 0;
        const footnote = FOOTNOTE_DEFINITION.exec(line);
        if (footnote) at = footnote[0].length;
        if (indent === 0) list = false;
        // > quotes, - * + 1. 1) list markers, # headings, possibly nested: > - 1. text
        for (;;) {
          BLOCK_PREFIX.lastIndex = at;
          const prefix = BLOCK_PREFIX.exec(line);
          if (!prefix || prefix[0].length === 0) break;
          if (!prefix[0].trimStart().startsWith('>') && !prefix[0].trimStart().startsWith('#'))
            list = true;
          at += prefix[0].length;
          TASK_BOX.lastIndex = at;
          if (TASK_BOX.test(line)) at = TASK_BOX.lastIndex;
        }
        scanner.scan(start + at, lineEnd, prose);
      }
      blank = false;
    }
    start = next;
  }
}

type Region = { start: number; end: number };

/** The front matter's YAML and the body, by offset into the text as it is (BOM, CRLF and all). */
function splitRaw(text: string): { yaml: Region; body: Region } | null {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = text.indexOf('\n', at);
  if (first === -1 || text.slice(at, first).replace(/\r$/, '') !== '---') return null;
  at = first + 1;
  let line = at;
  while (line < text.length) {
    let end = text.indexOf('\n', line);
    if (end === -1) end = text.length;
    if (text.slice(line, end).replace(/\r$/, '').startsWith('---')) {
      return {
        yaml: { start: at, end: line },
        body: { start: Math.min(end + 1, text.length), end: text.length },
      };
    }
    line = end + 1;
  }
  return null;
}

type Field = { key: string; start: number; end: number; type: Scalar.Type };
const DQ_PROSE: Mode = { markdown: false, quotes: false, escapes: true };
const PLAIN_PROSE: Mode = { markdown: false, quotes: true, escapes: false };

function scanFields(text: string, fields: readonly Field[], out: PunctuationFinding[]) {
  for (const { key, start, end, type } of fields) {
    const scanner = new Scanner(text, key, out);
    if (type === Scalar.QUOTE_DOUBLE) scanner.scan(start + 1, end - 1, DQ_PROSE);
    else if (type === Scalar.QUOTE_SINGLE) scanner.scan(start + 1, end - 1, PLAIN_PROSE);
    else scanner.scan(start, end, PLAIN_PROSE);
  }
}

const keeps = (text: string, from: number) => {
  const lineEnd = text.indexOf('\n', from);
  return text.slice(from, lineEnd === -1 ? undefined : lineEnd).includes(KEEP_MARKER);
};

/** The prose fields by the YAML parser: slow (most of the time of this module), so a fallback. */
function yamlFields(text: string, region: Region): Field[] {
  const source = text.slice(region.start, region.end);
  const doc = parseDocument(source, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const fields: Field[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value) || !pair.value.range) continue;
    const key = String(pair.key.value);
    if (!PROSE_FIELDS.has(key) || typeof pair.value.value !== 'string') continue;
    const [valueStart, valueEnd] = pair.value.range;
    if (keeps(source, valueEnd)) continue;
    const type = pair.value.type ?? Scalar.PLAIN;
    fields.push({ key, start: region.start + valueStart, end: region.start + valueEnd, type });
  }
  return fields;
}

const KEY_AT = /([A-Za-z_][\w-]*):(?=[ \t\r\n]|$)/y;

/**
 * The prose fields of front matter written as editors write it: one `key: value` a line, the
 * value plain, "…" or '…'. Null for anything else (block scalars, values over several lines):
 * the YAML parser then reads it.
 */
function simpleFields(text: string, region: Region): Field[] | null {
  const fields: Field[] = [];
  let line = region.start;
  while (line < region.end) {
    let next = text.indexOf('\n', line);
    if (next === -1 || next > region.end) next = region.end;
    let lineEnd = next;
    if (lineEnd > line && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd -= 1;
    KEY_AT.lastIndex = line;
    const key = KEY_AT.exec(text);
    if (key && KEY_AT.lastIndex <= lineEnd && PROSE_FIELDS.has(key[1]!)) {
      let start = KEY_AT.lastIndex;
      while (start < lineEnd && isSpace(text.charCodeAt(start))) start += 1;
      const first = text[start];
      let end = -1;
      let type: Scalar.Type = Scalar.PLAIN;
      if (first === '"') {
        type = Scalar.QUOTE_DOUBLE;
        for (let k = start + 1; k < lineEnd; k += 1) {
          const c = text.charCodeAt(k);
          if (c === BACKSLASH) k += 1;
          else if (c === QUOTE) {
            end = k + 1;
            break;
          }
        }
        if (end === -1) return null;
      } else if (first === "'") {
        type = Scalar.QUOTE_SINGLE;
        for (let k = start + 1; k < lineEnd; k += 1) {
          if (text[k] !== "'") continue;
          if (text[k + 1] === "'") k += 1;
          else {
            end = k + 1;
            break;
          }
        }
        if (end === -1) return null;
      } else if (first === undefined || start >= lineEnd || '|>[{&*!%@`#'.includes(first)) {
        return null;
      } else {
        // A plain scalar ends at " #" (a comment) or the end of the line.
        const comment = text.indexOf(' #', start);
        end = comment !== -1 && comment < lineEnd ? comment : lineEnd;
        while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
      }
      // An indented line after it continues the value.
      if (next < region.end && isSpace(text.charCodeAt(next + 1))) return null;
      if (!keeps(text, end)) fields.push({ key: key[1]!, start, end, type });
    }
    line = next + 1;
  }
  return fields;
}

function scanYaml(text: string, region: Region, out: PunctuationFinding[]) {
  const fields = simpleFields(text, region) ?? yamlFields(text, region);
  scanFields(text, fields, out);
}

/**
 * Every half-width mark in the Chinese prose of one content file (path relative to content/):
 * the prose fields of the front matter and the Markdown body of articles and pages, the prose
 * fields of categories. In text order.
 */
export function findPunctuation(path: string, text: string): PunctuationFinding[] {
  const out: PunctuationFinding[] = [];
  if (/\.ya?ml$/.test(path)) {
    scanYaml(text, { start: text.charCodeAt(0) === 0xfeff ? 1 : 0, end: text.length }, out);
  } else if (/\.md$/.test(path)) {
    const split = splitRaw(text);
    if (!split) return out;
    scanYaml(text, split.yaml, out);
    scanMarkdown(new Scanner(text, 'body', out), text, split.body.start, split.body.end);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Applies the edits of the given findings (non-overlapping ones; the first wins). */
export function applyEdits(text: string, findings: readonly PunctuationFinding[]): string {
  const edits = findings.flatMap((finding) => finding.edits).sort((a, b) => a.start - b.start);
  let result = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    result += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return result + text.slice(at);
}

export type FixedMark = PunctuationFinding & { line: number; column: number };
export type PunctuationFix = { text: string; fixed: FixedMark[] };

/**
 * `content:check --fix`: the text with every fixable mark replaced, and what was replaced (line and
 * column in the text as it was then; fixes never add or remove lines). Repeated until nothing
 * fixable is left, so a second run changes nothing: fixing `,` can make the quotes after it
 * Chinese (中,"OK" → 中，"OK" → 中，“OK”).
 */
export function fixPunctuation(path: string, text: string): PunctuationFix {
  let current = text;
  const fixed: FixedMark[] = [];
  for (let round = 0; round < 5; round += 1) {
    const fixable = findPunctuation(path, current).filter((finding) => finding.fixable);
    if (fixable.length === 0) break;
    const positions = lineColumns(
      current,
      fixable.map((finding) => finding.index),
    );
    fixable.forEach((finding, index) => fixed.push({ ...finding, ...positions[index]! }));
    current = applyEdits(current, fixable);
  }
  return { text: current, fixed };
}

/** 1-based line and column (UTF-16 units, as editors count) of each offset, in one pass. */
export function lineColumns(
  text: string,
  offsets: readonly number[],
): { line: number; column: number }[] {
  const order = offsets
    .map((offset, index) => ({ offset, index }))
    .sort((a, b) => a.offset - b.offset);
  const result: { line: number; column: number }[] = new Array(offsets.length);
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const { offset, index } of order) {
    for (; at < offset; at += 1) {
      if (text.charCodeAt(at) === 0x0a) {
        line += 1;
        lineStart = at + 1;
      }
    }
    result[index] = { line, column: offset - lineStart + 1 };
  }
  return result;
}

/** A few characters either side of a finding, on its line, for the warning. */
export function contextOf(text: string, finding: PunctuationFinding, width = 6): string {
  const edit = finding.edits[finding.edits.length - 1]!;
  let from = finding.index;
  for (let k = 0; k < width && from > 0 && text[from - 1] !== '\n'; k += 1) from -= 1;
  let to = edit.end;
  for (let k = 0; k < width && to < text.length && text[to] !== '\n' && text[to] !== '\r'; k += 1)
    to += 1;
  return `${from > 0 && text[from - 1] !== '\n' ? '…' : ''}${text.slice(from, to)}${to < text.length && text[to] !== '\n' ? '…' : ''}`;
}

/** The content check's warnings: one per mark, with line and column, never an error. */
export function punctuationProblems(files: readonly SourceFile[]): Problem[] {
  const problems: Problem[] = [];
  for (const { path, text } of files) {
    const findings = findPunctuation(path, text);
    if (findings.length === 0) continue;
    const positions = lineColumns(
      text,
      findings.map((finding) => finding.index),
    );
    findings.forEach((finding, index) => {
      const { line, column } = positions[index]!;
      const { found, replacement } = finding;
      const context = contextOf(text, finding);
      problems.push({
        file: path,
        line,
        column,
        field: finding.field,
        severity: 'warning',
        message: finding.fixable
          ? `标点：中文里的半角 "${found}" 应为全角 "${replacement}"（${context}，可用 --fix 自动修正） / half-width "${found}" in Chinese text: use "${replacement}"`
          : `标点：中文里的半角 "${found}" 可能应为全角 "${replacement}"，请人工判断（${context}） / half-width "${found}" in Chinese text: "${replacement}"? (fix by hand)`,
      });
    });
  }
  return problems;
}
