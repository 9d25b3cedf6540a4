import type { ArticleSummary } from '@/lib/content/types';
import { formatDate } from '@/lib/format/date';
import { StatusBadge } from './status-badge';

type Props = {
  articles: ArticleSummary[];
  categoryNames: Record<string, string>;
  /** Heading level of each title, so that the page outline stays correct. */
  headingLevel?: 'h2' | 'h3';
};

export function ArticleList({ articles, categoryNames, headingLevel = 'h3' }: Props) {
  const Heading = headingLevel;
  return (
    <ul className="divide-y divide-line">
      {articles.map((article) => (
        <li key={article.slug} className="py-4 first:pt-1">
          <article>
            <StatusBadge status={article.status} />
            <Heading className="text-[17px] leading-snug font-bold">
              <a href={article.url} className="hover:text-brand">
                {article.title}
              </a>
            </Heading>
            <p className="mt-1.5 line-clamp-3 text-[15px] text-muted">{article.excerpt}</p>
            <p className="mt-1.5 flex flex-wrap gap-x-3 text-xs text-muted">
              <span className="text-brand">{categoryNames[article.category]}</span>
              <time dateTime={article.date}>{formatDate(article.date)}</time>
              <span>来源：{article.source}</span>
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}
