import type { ArticleSummary } from '@/lib/content/types';

type Props = { previous?: ArticleSummary; next?: ArticleSummary; channel: string };

/** 上一篇 (older) and 下一篇 (newer) in the same channel. */
export function ArticlePager({ previous, next, channel }: Props) {
  if (!previous && !next) return null;
  const item = (label: string, article?: ArticleSummary) => (
    <p className="min-w-0">
      <span className="text-muted">{label}：</span>
      {article ? (
        <a href={article.url}>{article.title}</a>
      ) : (
        <span className="text-muted">没有了</span>
      )}
    </p>
  );
  return (
    <nav
      aria-label={`${channel}频道的上一篇和下一篇`}
      className="grid gap-2 bg-white px-4 py-4 sm:grid-cols-2 sm:px-8 print:hidden"
    >
      {item('上一篇', previous)}
      {item('下一篇', next)}
    </nav>
  );
}
