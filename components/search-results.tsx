import type { SearchResult } from '@/lib/search/engine';
import { formatDate } from '@/lib/format/date';
import { Thumbnail } from './picture';

type Props = { results: SearchResult[]; categoryNames: Record<string, string> };

export function SearchResults({ results, categoryNames }: Props) {
  return (
    <ol className="divide-y divide-line" data-testid="search-results">
      {results.map(({ article, excerpt }) => {
        return (
          <li key={article.slug} className="py-4">
            <article className="result">
              <div className="min-w-0 flex-1">
                <h2 className="text-[17px] leading-snug font-bold">
                  <a href={article.url}>{article.title}</a>
                </h2>
                <p className="mt-1.5 text-[15px] text-muted">
                  {/* Text segments, never HTML: a query cannot inject markup. */}
                  {excerpt.map((segment, index) =>
                    segment.match ? (
                      <mark key={index} className="bg-amber-100 text-ink">
                        {segment.text}
                      </mark>
                    ) : (
                      <span key={index}>{segment.text}</span>
                    ),
                  )}
                </p>
                <p className="mt-1.5 flex gap-3 text-xs text-muted">
                  <span className="text-brand">{categoryNames[article.category]}</span>
                  <time dateTime={article.date}>{formatDate(article.date)}</time>
                </p>
              </div>
              <Thumbnail article={article} />
            </article>
          </li>
        );
      })}
    </ol>
  );
}
