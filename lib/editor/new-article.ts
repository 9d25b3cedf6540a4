// Pure: what `npm run new` writes. The slug is the title in toneless pinyin, one syllable per
// hyphenated part, cut at about 60 characters on a syllable boundary.
import { pinyin } from 'pinyin-pro';
import { NEW_ARTICLE_PLACEHOLDER, SLUG_PATTERN } from '@/lib/content/rules';
import { toShanghaiIso } from '@/lib/format/date';

export const SLUG_MAX = 60;

export function slugFromTitle(title: string, max = SLUG_MAX): string {
  const syllables = pinyin(title.normalize('NFKC'), {
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
  });
  const parts = syllables
    .join(' ')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let slug = '';
  for (const part of parts) {
    const next = slug ? `${slug}-${part}` : part;
    if (next.length > max) break;
    slug = next;
  }
  return slug || 'article';
}

export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export type NewArticle = {
  title: string;
  category: string;
  source: string;
  at: Date;
  taken: ReadonlySet<string>;
};

export function newArticleFile(input: NewArticle): { path: string; slug: string; text: string } {
  const slug = uniqueSlug(slugFromTitle(input.title), input.taken);
  if (!SLUG_PATTERN.test(slug)) throw new Error(`generated slug is invalid: ${slug}`);
  const iso = toShanghaiIso(input.at);
  const [year, month] = iso.split('-');
  const quote = (value: string) => JSON.stringify(value);
  const text = [
    '---',
    `title: ${quote(input.title)}`,
    `date: ${iso}`,
    `category: ${input.category}`,
    `source: ${quote(input.source)}`,
    'authors: []',
    'tags: []',
    'draft: true',
    '---',
    '',
    NEW_ARTICLE_PLACEHOLDER,
    '',
  ].join('\n');
  return { path: `articles/${year}/${month}/${slug}.md`, slug, text };
}
