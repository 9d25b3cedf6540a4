import type { ArticleSummary } from '@/lib/content/types';
import { formatDate } from '@/lib/format/date';

/** 公告: the site's own notices (type: notice) in one small line, as portals show them. */
export function NoticeBar({ notices }: { notices: ArticleSummary[] }) {
  if (notices.length === 0) return null;
  return (
    <section
      aria-labelledby="home-notices"
      className="flex items-baseline gap-3 border-l-4 border-brand bg-white px-4 py-2 text-sm"
      data-testid="notices"
    >
      <h2 id="home-notices" className="shrink-0 font-bold text-brand">
        公告
      </h2>
      <ul className="min-w-0 flex-1 space-y-1">
        {notices.map((notice) => (
          <li key={notice.slug} className="flex items-baseline gap-2">
            <a href={notice.url} className="min-w-0 truncate">
              {notice.title}
            </a>
            <time dateTime={notice.date} className="hidden shrink-0 text-xs text-muted sm:inline">
              {formatDate(notice.date)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
