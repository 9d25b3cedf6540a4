// Scripts: what the publisher's search engine push reads of the on-disk catalog
// (docs/adr/023, docs/adr/027): the public URLs that changed between the version it looked at last
// and the live one, from the rows that differ between the two and those dated between the two
// looks. A publish then costs the change, not the archive: nothing here reads every article.
import Database from 'better-sqlite3';
import type { ArticleSummary, SitePage } from '../content/types';
import { changesBetween, type UrlChange } from './changes';
/** The version a search engine push looked at last, and when. */
export type PushedVersion = { version: string; seq?: number; at: number };

export type PushLook = {
  /** The version's sequence number in the catalog. */
  seq: number;
  /** Public URLs that changed since the version looked at before (none on a first look). */
  changes: UrlChange[];
  /** When its next scheduled article becomes public (ms), if one is. */
  nextPublicAt: number | undefined;
  /** How many of its articles and site pages are public at `at` (a first look only). */
  publicUrls?: number;
  /**
   * The version looked at before is no longer in the catalog (a look was missed and the version
   * deleted since): what changed is known only for articles whose rows are still there.
   */
  beforeLost: boolean;
};

/**
 * What a search engine push needs of version `id` at `at` (ms): the public URLs that changed since
 * `before`, read from the rows that differ between the two versions and those dated between the
 * two looks, so that a publish costs the change and not the archive. Undefined when the catalog
 * does not have version `id`.
 */
export function readPushLook(
  file: string,
  id: string,
  at: number,
  before?: PushedVersion,
): PushLook | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const versionOf = db.prepare('SELECT seq, pages FROM versions WHERE id = ?');
    const current = versionOf.get(id) as { seq: number; pages: string } | undefined;
    if (!current) return undefined;
    const seq = current.seq;
    const pages = JSON.parse(current.pages) as SitePage[];
    const shown = 'from_seq <= @seq AND to_seq > @seq AND draft = 0';
    const next = db
      .prepare(`SELECT MIN(date_ms) FROM articles WHERE date_ms > @at AND ${shown}`)
      .pluck()
      .get({ seq, at }) as number | null;
    const look: PushLook = {
      seq,
      changes: [],
      nextPublicAt: next ?? undefined,
      beforeLost: false,
    };
    // A first look: the public URLs are counted for its one log line (a pass over the archive,
    // once in the life of a publisher's state).
    if (!before) {
      const publicArticles = db
        .prepare(`SELECT COUNT(*) FROM articles WHERE ${shown} AND date_ms <= @at`)
        .pluck()
        .get({ seq, at }) as number;
      return { ...look, publicUrls: publicArticles + pages.length };
    }
    const previous = versionOf.get(before.version) as { seq: number; pages: string } | undefined;
    const then = previous?.seq ?? before.seq;
    if (then === undefined) return { ...look, beforeLost: true };
    const rows = db
      .prepare(
        `SELECT rid, summary, from_seq, to_seq FROM articles
          WHERE (from_seq > @low AND from_seq <= @high) OR (to_seq > @low AND to_seq <= @high)
         UNION
         SELECT rid, summary, from_seq, to_seq FROM articles
          WHERE date_ms > @since AND date_ms <= @at AND from_seq <= @seq AND to_seq > @seq`,
      )
      .all({
        low: Math.min(seq, then),
        high: Math.max(seq, then),
        since: before.at,
        at,
        seq,
      }) as { summary: string; from_seq: number; to_seq: number }[];
    const visible = (version: number) =>
      rows
        .filter((row) => row.from_seq <= version && row.to_seq > version)
        .map((row) => JSON.parse(row.summary) as ArticleSummary);
    return {
      ...look,
      changes: changesBetween(
        {
          articles: visible(then),
          // A lost version's site pages are unknown: taken as unchanged.
          pages: previous ? (JSON.parse(previous.pages) as SitePage[]) : pages,
        },
        before.at,
        { articles: visible(seq), pages },
        at,
      ),
      beforeLost: !previous,
    };
  } finally {
    db.close();
  }
}
