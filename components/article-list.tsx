import type { ArticleSummary } from '@/lib/content/types';
import { formatDate } from '@/lib/format/date';
import { Thumbnail } from './picture';
import { StatusBadge } from './status-badge';

type Props = {
  articles: ArticleSummary[];
  categoryNames: Record<string, string>;
  /** Heading level of each title, so that the page outline stays correct. */
  headingLevel?: 'h2' | 'h3';
  /** A placeholder box where an article has no cover, so that every row lines up. */
  evenRows?: boolean;
};

/** Title, excerpt and meta line; a thumbnail beside them when the article has a cover. */
export function ArticleList({
  articles,
  categoryNames,
  headingLevel = 'h3',
  evenRows = false,
}: Props) {
  const Heading = headingLevel;
  return (
    <ul className="articles">
      {articles.map((article) => {
        return (
          <li key={article.slug}>
            <article>
              <div>
                <StatusBadge status={article.status} />
                <Heading className="list-title">
                  <a href={article.url}>{article.title}</a>
                </Heading>
                <p className="excerpt">{article.excerpt}</p>
                <p className="meta">
                  <span className="text-brand">{categoryNames[article.category]}</span>
                  <time dateTime={article.date}>{formatDate(article.date)}</time>
                  <span className="max-sm:hidden">来源：{article.source}</span>
                </p>
              </div>
              <Thumbnail article={article} placeholder={evenRows} />
            </article>
          </li>
        );
      })}
    </ul>
  );
}
