// Pure: which public URLs changed, for the search engines (docs/adr/023). What a reader can open
// now is compared with what was public when the publisher last looked (its snapshot: each URL with
// a fingerprint of what the page shows), so that every way a URL appears, changes or disappears is
// one comparison: a new article, a correction, a deleted file, an article turned back into a draft
// or moved to a later date, and a scheduled article whose time has come (no commit at all).
// Drafts and articles dated in the future are never public, so never in the snapshot or a push.
import { createHash } from 'node:crypto';
import type { ArticleSummary, ContentIndex } from '../content/types';

/** Site path → fingerprint of what it shows. */
export type Snapshot = Record<string, string>;

export type UrlChange = {
  /** Site path, e.g. /articles/chengdu-wuhou. */
  path: string;
  /** `updated`: new or changed, to be crawled; `removed`: answers 404 now. */
  action: 'updated' | 'removed';
  /** The page's fingerprint after the change (before it, for a removal). */
  fingerprint: string;
};

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/**
 * What an editor changes in an article, and nothing the code derives from it: a correction is a
 * commit (a new entry in `revisions`, a later `lastModified`) or a new title, date, summary,
 * channel, tag or cover. The compiled body's hash and the derived excerpt are left out on purpose:
 * a release that renders Markdown differently changes them for every article, and must not push
 * the whole archive (docs/adr/023).
 */
function editorial(article: ArticleSummary) {
  return {
    title: article.title,
    date: article.date,
    updated: article.updated ?? null,
    lastModified: article.lastModified,
    revisions: article.revisions,
    category: article.category,
    tags: article.tags,
    summary: article.hasSummary ? article.excerpt : null,
    cover: article.cover ?? null,
    authors: article.authors,
    source: article.source,
  };
}

/**
 * The version's public articles and site documents at `at` (ms), each with a fingerprint of what
 * the editors wrote. Lists (home, channels, tags) are left out on purpose: they change with every
 * publish and engines revisit them by themselves.
 */
export function publicSnapshot(
  index: Pick<ContentIndex, 'articles' | 'pages'>,
  at: number,
): Snapshot {
  const snapshot: Snapshot = {};
  for (const article of index.articles) {
    if (article.draft || Date.parse(article.date) > at) continue;
    snapshot[article.url] = fingerprint(editorial(article));
  }
  // Site documents have no history: their text is what changes (a handful of pages).
  for (const page of index.pages) {
    snapshot[page.url] = fingerprint({
      title: page.title,
      description: page.description,
      body: page.body,
    });
  }
  return snapshot;
}

/**
 * When the next article of this version becomes public after `at` (ms): until then a snapshot
 * taken at `at` stays right. Undefined when none is scheduled.
 */
export function nextPublicAt(
  index: Pick<ContentIndex, 'articles'>,
  at: number,
): number | undefined {
  let next: number | undefined;
  for (const article of index.articles) {
    if (article.draft) continue;
    const date = Date.parse(article.date);
    if (date > at && (next === undefined || date < next)) next = date;
  }
  return next;
}

/** What differs between the last snapshot and this one, in path order. */
export function snapshotChanges(before: Snapshot, after: Snapshot): UrlChange[] {
  const changes: UrlChange[] = [];
  for (const [path, print] of Object.entries(after)) {
    if (before[path] !== print) changes.push({ path, action: 'updated', fingerprint: print });
  }
  for (const [path, print] of Object.entries(before)) {
    if (!(path in after)) changes.push({ path, action: 'removed', fingerprint: print });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The changes between what was public of one version at `since` and what is public of another at
 * `at`, given the articles of each that may differ: those whose rows differ between the two
 * versions and those dated between the two moments (readPushLook in lib/push/catalog-look.ts).
 * Every other article is public in both or in neither, with the same fingerprint, so the changes
 * are those of the two whole snapshots, read from a few rows.
 */
export function changesBetween(
  before: Pick<ContentIndex, 'articles' | 'pages'>,
  since: number,
  after: Pick<ContentIndex, 'articles' | 'pages'>,
  at: number,
): UrlChange[] {
  return snapshotChanges(publicSnapshot(before, since), publicSnapshot(after, at));
}
