import type { ArticleSummary } from '@/lib/content/types';
import { formatShortDateTime } from '@/lib/format/date';
import { SectionHeading } from './section-heading';

type Props = { articles: ArticleSummary[]; categoryNames: Record<string, string> };

/** 最新 (滚动): the newest articles in time order, each with its channel and time. */
export function LatestNews({ articles, categoryNames }: Props) {
  if (articles.length === 0) return null;
  return (
    <section aria-labelledby="home-latest" className="bg-white p-4" data-testid="home-latest">
      <SectionHeading id="home-latest" title="最新文章" />
      <ul aria-label="最新文章" className="divide-y divide-line">
        {articles.map((article) => (
          <li key={article.slug} className="flex items-baseline gap-2 py-2">
            <span className="shrink-0 text-xs text-brand">
              [{categoryNames[article.category] ?? ''}]
            </span>
            <a href={article.url} className="min-w-0 flex-1 leading-snug">
              {article.title}
            </a>
            <time
              dateTime={article.date}
              className="hidden shrink-0 text-xs text-muted tabular-nums sm:inline"
            >
              {formatShortDateTime(article.date)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
