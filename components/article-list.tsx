import type { ArticleSummary } from '@/lib/content/types';
import { formatDate } from '@/lib/format/date';
import { Thumbnail } from './picture';
import { StatusBadge } from './status-badge';

type Props = {
  articles: ArticleSummary[];
  categoryNames: Record<string, string>;
  /** Heading level of each title, so that the page outline stays correct. */
  headingLevel?: 'h2' | 'h3';
};

/** Title, excerpt and meta line; a thumbnail beside them when the article has a cover. */
export function ArticleList({ articles, categoryNames, headingLevel = 'h3' }: Props) {
  const Heading = headingLevel;
  return (
    <ul className="divide-y divide-line">
      {articles.map((article) => {
        return (
          <li key={article.slug} className="py-4 first:pt-1">
            <article className="flex gap-3 sm:gap-4">
              <div className="min-w-0 flex-1">
                <StatusBadge status={article.status} />
                <Heading className="text-[17px] leading-snug font-bold">
                  <a href={article.url} className="hover:text-brand">
                    {article.title}
                  </a>
                </Heading>
                <p className="mt-1.5 line-clamp-2 text-[15px] text-muted max-sm:hidden">
                  {article.excerpt}
                </p>
                <p className="mt-1.5 flex flex-wrap gap-x-3 text-xs text-muted">
                  <span className="text-brand">{categoryNames[article.category]}</span>
                  <time dateTime={article.date}>{formatDate(article.date)}</time>
                  <span className="max-sm:hidden">来源：{article.source}</span>
                </p>
              </div>
              <Thumbnail article={article} />
            </article>
          </li>
        );
      })}
    </ul>
  );
}
