import type { ArticleSummary } from '@/lib/content/types';
import { formatDateTime } from '@/lib/format/date';

type Props = { article: ArticleSummary };

/** 首发, 最后更新 and the corrections, openly: a <details> needs no JavaScript. */
export function RevisionHistory({ article }: Props) {
  const { lastModified } = article;
  const updated = Date.parse(lastModified) > Date.parse(article.date);
  return (
    <div className="revisions" data-testid="revisions">
      <p className="flex flex-wrap gap-x-4">
        <span>
          首发：<time dateTime={article.date}>{formatDateTime(article.date)}</time>
        </span>
        {updated && (
          <span>
            最后更新：<time dateTime={lastModified}>{formatDateTime(lastModified)}</time>
          </span>
        )}
      </p>
      {article.revisions.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer text-ink">
            更新记录（{article.revisions.length}）
          </summary>
          <ol className="mt-2 space-y-1">
            {article.revisions.map((revision) => (
              <li key={`${revision.date}-${revision.subject}`}>
                <time dateTime={revision.date}>{formatDateTime(revision.date)}</time>
                <span className="ml-2">{revision.subject}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
