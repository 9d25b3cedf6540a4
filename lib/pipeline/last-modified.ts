// Pure, build time: 最后更新, computed once per article when the index is written.
import { toShanghaiIso } from '../format/date';

type Dated = { date: string; updated?: string; revisions: { date: string }[] };

/** The newest of the publication date, `updated` and the last correction commit, in the site's time (toShanghaiIso). */
export function lastModified({ date, updated, revisions }: Dated): string {
  const candidates = [date, updated, revisions[0]?.date].filter((value): value is string =>
    Boolean(value),
  );
  return toShanghaiIso(candidates.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)));
}
