// Pure, build time: the editors' content check. Every problem names the file, the line and the field,
// in Chinese and English. The Contentlayer build enforces the same schema.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import {
  ARTICLE_FIELDS,
  CATEGORY_FIELDS,
  PAGE_FIELDS,
  IMAGE_RULES,
  type ImageInfo,
  ISO_DATE_PATTERN,
  NEW_ARTICLE_PLACEHOLDER,
  SLUG_PATTERN,
  TITLE_MAX,
  categoryPathFromFile,
  isRealDate,
  slugFromPath,
} from '../content/rules';
import { splitFrontMatter } from './front-matter';
import { punctuationProblems } from './punctuation';

export type Severity = 'error' | 'warning';
export type Problem = {
  file: string;
  line: number;
  /** 1-based, where the problem is a character in the line (punctuation). */
  column?: number;
  field: string;
  message: string;
  severity: Severity;
};
export type SourceFile = { path: string; text: string };
export type CheckInput = {
  /** Paths relative to the content directory, with forward slashes. */
  files: SourceFile[];
  /** Whether a site path such as /images/a.jpg exists under public/. */
  publicFileExists: (sitePath: string) => boolean;
  /** The size of a picture under public/ (lib/pipeline/images.ts); without it sizes go unchecked. */
  imageInfo?: (sitePath: string) => ImageInfo | undefined;
};

type Parsed = {
  file: string;
  data: Record<string, unknown>;
  lineOf: (field: string) => number;
  body: string;
  bodyLine: number;
};

const msg = (zh: string, en: string) => `${zh} / ${en}`;

function parseYaml(file: string, text: string, lineOffset: number, problems: Problem[]) {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  for (const error of doc.errors) {
    const line = lineCounter.linePos(error.pos[0]).line + lineOffset;
    problems.push({
      file,
      line,
      field: '(yaml)',
      severity: 'error',
      message: msg(`YAML 格式错误：${error.message.split('\n')[0]}`, 'invalid YAML'),
    });
  }
  if (doc.errors.length > 0) return undefined;
  const lines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line + lineOffset);
      }
    }
  } else if (doc.contents !== null) {
    problems.push({
      file,
      line: 1 + lineOffset,
      field: '(yaml)',
      severity: 'error',
      message: msg('元数据必须是键值对', 'front matter must be a mapping'),
    });
    return undefined;
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  return { data, lineOf: (field: string) => lines.get(field) ?? 1 + lineOffset };
}

function checkType(value: unknown, type: string, values?: readonly string[]): string | null {
  switch (type) {
    case 'enum':
      return typeof value === 'string' && values?.includes(value)
        ? null
        : msg(`应为以下之一：${values?.join('、')}`, `must be one of: ${values?.join(', ')}`);
    case 'string':
      return typeof value === 'string' && value.trim() !== ''
        ? null
        : msg('应为非空文本', 'must be a non-empty string');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : msg('应为数字', 'must be a number');
    case 'boolean':
      return typeof value === 'boolean' ? null : msg('应为 true 或 false', 'must be true or false');
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim())
        ? null
        : msg('应为文本列表，如 [民族团结, 成都]', 'must be a list of strings');
    case 'date':
      if (
        typeof value !== 'string' ||
        !ISO_DATE_PATTERN.test(value) ||
        Number.isNaN(Date.parse(value.replace(' ', 'T')))
      ) {
        return msg('应为 ISO 8601 日期，如 2024-01-24T08:00:00+08:00', 'must be an ISO 8601 date');
      }
      return isRealDate(value)
        ? null
        : msg(`日期 ${value} 不存在（请检查月份天数与时间）`, 'the date does not exist');
    default:
      return null;
  }
}

function checkFields(
  parsed: Pick<Parsed, 'file' | 'data' | 'lineOf'>,
  rules: Record<string, { type: string; required?: boolean; values?: readonly string[] }>,
  problems: Problem[],
) {
  const { file, data, lineOf } = parsed;
  const error = (field: string, message: string) =>
    problems.push({ file, line: lineOf(field), field, message, severity: 'error' });
  for (const field of Object.keys(data)) {
    if (!(field in rules)) {
      error(field, msg(`未知字段，可用字段：${Object.keys(rules).join(', ')}`, 'unknown field'));
    }
  }
  for (const [field, rule] of Object.entries(rules)) {
    const value = data[field];
    if (value === undefined || value === null) {
      if (rule.required) error(field, msg('必填字段缺失', 'required field is missing'));
      continue;
    }
    const problem = checkType(value, rule.type, rule.values);
    if (problem) error(field, problem);
  }
}

const INTERNAL_LINK = /\]\(\s*(\/articles\/[^)\s#?]*)[^)]*\)|href=["'](\/articles\/[^"'#?]*)/g;
const IMAGE_REF = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<img[^>]+src=["']([^"']+)["']/g;

function lineAt(body: string, index: number, bodyLine: number): number {
  return bodyLine + body.slice(0, index).split('\n').length - 1;
}

/** 关于我们 and the other site documents: a title, a slug for a file name and a body. */
function checkPage(path: string, text: string, problems: Problem[]) {
  const error = (field: string, message: string, line = 1) =>
    problems.push({ file: path, line, field, message, severity: 'error' });
  const split = splitFrontMatter(text);
  if (!split) {
    error(
      '(front matter)',
      msg('文件开头缺少以 --- 包围的元数据', 'missing front matter between --- lines'),
    );
    return;
  }
  const parsed = parseYaml(path, split.yaml, 1, problems);
  if (!parsed) return;
  checkFields({ file: path, ...parsed }, PAGE_FIELDS, problems);
  if (!SLUG_PATTERN.test(slugFromPath(path))) {
    error(
      'slug',
      msg('文件名只能用小写字母、数字和连字符', 'file name must match ^[a-z0-9]+(-[a-z0-9]+)*$'),
    );
  }
  if (split.body.trim() === '') error('body', msg('正文为空', 'the body is empty'), split.bodyLine);
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** Why a picture does not fit its slot or is too heavy; null when it is fine or unknown. */
function imageProblem(
  info: ImageInfo | undefined,
  slot: 'cover' | 'body',
  label: string,
): string | null {
  if (!info) return null;
  const { minWidth, minHeight } = IMAGE_RULES[slot];
  if (info.width < minWidth || info.height < minHeight) {
    return msg(
      `${label} 只有 ${info.width}×${info.height} 像素，至少需要 ${minWidth}×${minHeight}`,
      `the picture is ${info.width}×${info.height} px, at least ${minWidth}×${minHeight} are needed`,
    );
  }
  if (info.bytes > IMAGE_RULES.maxBytes) {
    return msg(
      `${label} 有 ${kb(info.bytes)}，不能超过 ${kb(IMAGE_RULES.maxBytes)}，请压缩后再上传`,
      `the picture is ${kb(info.bytes)}, over the ${kb(IMAGE_RULES.maxBytes)} limit`,
    );
  }
  return null;
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * A rule an article's facts cannot settle alone: the other files (slugs, categories) or public/
 * (pictures) decide it, each run, so that a cached file's facts stay right when those change.
 */
export type Deferred =
  | { rule: 'category'; line: number; category: string }
  | { rule: 'related'; line: number; slug: string }
  | { rule: 'link'; line: number; target: string; slug: string }
  | { rule: 'cover'; line: number; src: string }
  | { rule: 'image'; line: number; src: string };
/** An article's checks in the order they are reported: a settled problem or a deferred rule. */
export type ArticleCheck = Problem | Deferred;

/**
 * What the check needs of one file, from its path and text alone (docs/adr/028): the problems
 * they settle and the rest as small facts. The content check caches it by the file's bytes.
 */
export type FileFacts = {
  file: string;
  /** Reading the file: YAML and front matter, a category's or a page's fields, an unknown file. */
  read: Problem[];
  /** A category file that parsed: its category path. */
  category?: string;
  /** An article that parsed: its slug, the slug's own problems, then its other checks. */
  article?: { slug: string; slugProblems: Problem[]; checks: ArticleCheck[] };
  /** Half-width punctuation in Chinese text (warnings). */
  punctuation: Problem[];
};

const isDeferred = (check: ArticleCheck): check is Deferred => 'rule' in check;

/** A %-escaped path decoded, or undefined where an escape is malformed (decodeURI throws). */
function decoded(decode: (text: string) => string, text: string): string | undefined {
  try {
    return decode(text);
  } catch {
    return undefined;
  }
}

function articleChecks(parsed: Parsed): ArticleCheck[] {
  const { file, data, lineOf, body, bodyLine } = parsed;
  const slug = slugFromPath(file);
  const checks: ArticleCheck[] = [];
  const error = (field: string, message: string, line = lineOf(field)) =>
    checks.push({ file, line, field, message, severity: 'error' });
  const fieldProblems: Problem[] = [];
  checkFields(parsed, ARTICLE_FIELDS, fieldProblems);
  checks.push(...fieldProblems);

  if (typeof data.title === 'string' && Array.from(data.title.trim()).length > TITLE_MAX) {
    error('title', msg(`标题超过 ${TITLE_MAX} 字`, `title is longer than ${TITLE_MAX} characters`));
  }
  if (typeof data.category === 'string') {
    checks.push({ rule: 'category', line: lineOf('category'), category: data.category });
  }
  if (Array.isArray(data.related)) {
    for (const other of data.related) {
      if (typeof other !== 'string') continue;
      if (other === slug)
        error('related', msg('不能关联文章自身', 'an article cannot relate to itself'));
      else checks.push({ rule: 'related', line: lineOf('related'), slug: other });
    }
  }
  if (data.cover !== undefined) {
    if (typeof data.coverAlt !== 'string' || !data.coverAlt.trim()) {
      error(
        'coverAlt',
        msg('有封面图时必须填写 coverAlt（图片说明）', 'coverAlt is required with cover'),
        lineOf('cover'),
      );
    }
    if (typeof data.cover === 'string' && REMOTE.test(data.cover)) {
      error(
        'cover',
        msg(
          '封面图必须放在 public/ 下，不能引用外站图片',
          'the cover must be a file under public/',
        ),
      );
    } else if (typeof data.cover === 'string' && !data.cover.startsWith('/')) {
      error(
        'cover',
        msg(`封面图 public${data.cover} 不存在`, `cover file not found under public/`),
      );
    } else if (typeof data.cover === 'string') {
      checks.push({ rule: 'cover', line: lineOf('cover'), src: data.cover });
    }
  }
  if (body.trim() === '') {
    error('body', msg('正文为空', 'the body is empty'), bodyLine);
  }
  const placeholder = body.indexOf(NEW_ARTICLE_PLACEHOLDER);
  if (placeholder !== -1) {
    error(
      'body',
      msg(
        '正文仍是 npm run new 写入的占位文字，请换成文章正文',
        'the body still holds the placeholder written by npm run new',
      ),
      lineAt(body, placeholder, bodyLine),
    );
  }
  if (data.summary === undefined) {
    checks.push({
      file,
      line: 1,
      field: 'summary',
      severity: 'warning',
      message: msg('未填写摘要，将自动截取首段', 'no summary: the first paragraph is used'),
    });
  }
  for (const match of body.matchAll(INTERNAL_LINK)) {
    const target = (match[1] ?? match[2] ?? '').replace(/\/$/, '');
    const line = lineAt(body, match.index, bodyLine);
    const slug = decoded(decodeURIComponent, target.slice('/articles/'.length));
    if (slug === undefined) {
      error(
        'body',
        msg(`站内链接 ${target} 的百分号编码无效`, 'internal link with a malformed %-escape'),
        line,
      );
      continue;
    }
    checks.push({ rule: 'link', line, target, slug });
  }
  for (const match of body.matchAll(IMAGE_REF)) {
    const src = match[1] ?? match[2] ?? '';
    const line = lineAt(body, match.index, bodyLine);
    if (REMOTE.test(src)) {
      error(
        'body',
        msg(`图片 ${src} 在外站：图片必须放在 public/ 下`, 'pictures must be files under public/'),
        line,
      );
      continue;
    }
    if (!src.startsWith('/')) continue;
    if (decoded(pictureSitePath, src) === undefined) {
      error(
        'body',
        msg(`图片 ${src} 的百分号编码无效`, 'picture path with a malformed %-escape'),
        line,
      );
      continue;
    }
    checks.push({ rule: 'image', line, src });
  }
  return checks;
}

/** The facts of one file: everything its path and text settle, and what they leave to the others. */
export function fileFacts(path: string, text: string): FileFacts {
  const read: Problem[] = [];
  const facts: FileFacts = { file: path, read, punctuation: punctuationProblems([{ path, text }]) };
  if (/^categories\/.+\.yml$/.test(path)) {
    const parsed = parseYaml(path, text, 0, read);
    if (!parsed) return facts;
    checkFields({ file: path, ...parsed }, CATEGORY_FIELDS, read);
    facts.category = categoryPathFromFile(path);
  } else if (/^articles\/.+\.md$/.test(path)) {
    const split = splitFrontMatter(text);
    if (!split) {
      read.push({
        file: path,
        line: 1,
        field: '(front matter)',
        severity: 'error',
        message: msg('文件开头缺少以 --- 包围的元数据', 'missing front matter between --- lines'),
      });
      return facts;
    }
    const parsed = parseYaml(path, split.yaml, 1, read);
    if (!parsed) return facts;
    const slug = slugFromPath(path);
    const slugProblems: Problem[] = [];
    if (!SLUG_PATTERN.test(slug)) {
      slugProblems.push({
        file: path,
        line: 1,
        field: 'slug',
        severity: 'error',
        message: msg(
          `文件名 "${slug}" 只能用小写字母、数字和连字符`,
          'file name must match ^[a-z0-9]+(-[a-z0-9]+)*$',
        ),
      });
    }
    const checks = articleChecks({
      file: path,
      ...parsed,
      body: split.body,
      bodyLine: split.bodyLine,
    });
    facts.article = { slug, slugProblems, checks };
  } else if (/^pages\/[^/]+\.md$/.test(path)) {
    checkPage(path, text, read);
  } else {
    read.push({
      file: path,
      line: 1,
      field: '(file)',
      severity: 'error',
      message: msg(
        '未知文档：文章放在 articles/**/<slug>.md，栏目放在 categories/**/<path>.yml，站务页面放在 pages/<slug>.md',
        'unknown document type',
      ),
    });
  }
  return facts;
}

export type PublicFiles = Omit<CheckInput, 'files'>;

/**
 * Code-point order, as SQLite's BINARY collation orders UTF-8 text: the order problems are reported
 * in, so that the incremental check (lib/pipeline/incremental-check.ts) reads them in order from
 * an index. Plain `<` on UTF-16 strings puts U+E000–U+FFFF after the astral planes; shifting the
 * surrogates above them fixes that.
 */
export function byCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * What the rules across files ask of the rest of the content and of public/: the cold check
 * answers from maps of every file's facts, the incremental one from its index (check-state.ts).
 */
export type Lookups = PublicFiles & {
  hasCategory(path: string): boolean;
  /** Every category, in code-point order, as the unknown-category message lists them. */
  knownCategories(): string;
  hasSlug(slug: string): boolean;
  /** The first article (code-point order of paths) whose slug this is. */
  firstWithSlug(slug: string): string | undefined;
};

/**
 * The report's phases, in order: reading problems, category parents, slugs, each article's
 * checks, punctuation. Within a phase files come in code-point order of their paths.
 */
export const PHASES = 5;

/** One file's problems in each phase (PHASES arrays), its facts decided against the lookups. */
export function fileProblems(one: FileFacts, lookups: Lookups): Problem[][] {
  const { file, article } = one;
  const parents: Problem[] = [];
  const slugs: Problem[] = [];
  const checks: Problem[] = [];
  if (one.category !== undefined) {
    const path = one.category;
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined;
    if (parent && !lookups.hasCategory(parent)) {
      parents.push({
        file,
        line: 1,
        field: '(category)',
        severity: 'error',
        message: msg(`上级栏目 ${parent} 不存在`, `parent category ${parent} does not exist`),
      });
    }
  }
  if (article) {
    const first = lookups.firstWithSlug(article.slug);
    if (first !== undefined && first !== file) {
      slugs.push({
        file,
        line: 1,
        field: 'slug',
        severity: 'error',
        message: msg(`文件名（slug）与 ${first} 重复`, `duplicate slug, also used by ${first}`),
      });
    }
    slugs.push(...article.slugProblems);
    const error = (field: string, message: string, line: number) =>
      checks.push({ file, line, field, message, severity: 'error' });
    /** A cover or body picture: its file under public/, then its size. */
    const picture = (field: 'cover' | 'body', src: string, sitePath: string, line: number) => {
      const label = field === 'cover' ? `封面图 public${src}` : `图片 public${src}`;
      if (!lookups.publicFileExists(sitePath)) {
        const en = field === 'cover' ? 'cover file not found' : 'image file not found';
        error(field, msg(`${label} 不存在`, `${en} under public/`), line);
        return;
      }
      const problem = imageProblem(lookups.imageInfo?.(sitePath), field, label);
      if (problem) error(field, problem, line);
    };
    for (const check of article.checks) {
      if (!isDeferred(check)) {
        checks.push(check);
        continue;
      }
      switch (check.rule) {
        case 'category':
          if (!lookups.hasCategory(check.category)) {
            error(
              'category',
              msg(
                `栏目 "${check.category}" 不存在，可用：${lookups.knownCategories()}`,
                'unknown category',
              ),
              check.line,
            );
          }
          break;
        case 'related':
          if (!lookups.hasSlug(check.slug))
            error(
              'related',
              msg(`关联文章 "${check.slug}" 不存在`, `unknown slug "${check.slug}"`),
              check.line,
            );
          break;
        case 'link':
          if (!lookups.hasSlug(check.slug))
            error(
              'body',
              msg(
                `站内链接 ${check.target} 指向不存在的文章`,
                'internal link to a missing article',
              ),
              check.line,
            );
          break;
        case 'cover':
          picture('cover', check.src, check.src, check.line);
          break;
        case 'image':
          picture('body', check.src, pictureSitePath(check.src), check.line);
          break;
      }
    }
  }
  // GB/T 15834: half-width marks in Chinese prose are warnings (lib/pipeline/punctuation.ts).
  return [one.read, parents, slugs, checks, one.punctuation];
}

/** The site path under public/ that a body picture's src names. */
export const pictureSitePath = (src: string) => decodeURI(src);

/**
 * What a file's facts ask of the others and of public/: the names it defines (its slug or
 * category) and the names its rules look up. A file's problems change only when one of these
 * changes (the incremental check's index).
 */
export function factNames(one: FileFacts): {
  defines: { kind: 'slug' | 'category'; name: string }[];
  refers: { kind: 'slug' | 'category' | 'picture'; name: string }[];
} {
  const defines: { kind: 'slug' | 'category'; name: string }[] = [];
  const refers: { kind: 'slug' | 'category' | 'picture'; name: string }[] = [];
  if (one.category !== undefined) {
    defines.push({ kind: 'category', name: one.category });
    if (one.category.includes('/')) {
      refers.push({ kind: 'category', name: one.category.slice(0, one.category.lastIndexOf('/')) });
    }
  }
  if (one.article) {
    defines.push({ kind: 'slug', name: one.article.slug });
    for (const check of one.article.checks) {
      if (!isDeferred(check)) continue;
      if (check.rule === 'category') refers.push({ kind: 'category', name: check.category });
      else if (check.rule === 'related' || check.rule === 'link')
        refers.push({ kind: 'slug', name: check.slug });
      else if (check.rule === 'cover') refers.push({ kind: 'picture', name: check.src });
      else refers.push({ kind: 'picture', name: pictureSitePath(check.src) });
    }
  }
  return { defines, refers };
}

/**
 * Every problem of the content, from each file's facts: phase by phase (PHASES), file by file in
 * code-point order of their paths, the rules across files and public/ decided now.
 */
export function problemsOf(facts: readonly FileFacts[], publicFiles: PublicFiles): Problem[] {
  const sorted = [...facts].sort((a, b) => byCodePoint(a.file, b.file));
  const categories = new Set<string>();
  const slugs = new Map<string, string>();
  for (const one of sorted) {
    if (one.category !== undefined) categories.add(one.category);
    if (one.article && !slugs.has(one.article.slug)) slugs.set(one.article.slug, one.file);
  }
  let known: string | undefined;
  const lookups: Lookups = {
    ...publicFiles,
    hasCategory: (path) => categories.has(path),
    knownCategories: () => (known ??= [...categories].sort(byCodePoint).join(', ')),
    hasSlug: (slug) => slugs.has(slug),
    firstWithSlug: (slug) => slugs.get(slug),
  };
  const phases: Problem[][] = Array.from({ length: PHASES }, () => []);
  for (const one of sorted) {
    fileProblems(one, lookups).forEach((problems, phase) => phases[phase]?.push(...problems));
  }
  return phases.flat();
}

export function checkContent({ files, ...publicFiles }: CheckInput): Problem[] {
  return problemsOf(
    files.map(({ path, text }) => fileFacts(path, text)),
    publicFiles,
  );
}

export function formatProblem(problem: Problem, root = 'content'): string {
  const tag = problem.severity === 'warning' ? '警告 warning' : '错误 error';
  const at = problem.column === undefined ? '' : `:${problem.column}`;
  return `${root}/${problem.file}:${problem.line}${at}: ${problem.field}: ${tag}: ${problem.message}`;
}
