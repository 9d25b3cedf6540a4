import type { ArticleSummary } from '@/lib/content/types';
import { formatDate } from '@/lib/format/date';

type Props = { articles: ArticleSummary[]; categoryNames: Record<string, string> };

export function Headlines({ articles, categoryNames }: Props) {
  const [lead, ...rest] = articles;
  if (!lead) return null;
  return (
    <section aria-label="头条" className="bg-white p-4 sm:p-6" data-testid="headlines">
      <p className="text-xs font-bold tracking-widest text-brand">头条</p>
      <h2 className="mt-1 text-2xl leading-snug font-black sm:text-3xl">
        <a href={lead.url} className="hover:text-brand">
          {lead.title}
        </a>
      </h2>
      <p className="mt-3 text-[15px] text-muted sm:text-base">{lead.excerpt}</p>
      <p className="mt-2 text-xs text-muted">
        <span className="text-brand">{categoryNames[lead.category]}</span>
        <time className="ml-3" dateTime={lead.date}>
          {formatDate(lead.date)}
        </time>
        <span className="ml-3">来源：{lead.source}</span>
      </p>
      {rest.length > 0 && (
        <ul className="mt-4 grid gap-3 border-t border-line pt-4 sm:grid-cols-2">
          {rest.map((article) => (
            <li key={article.slug}>
              <a href={article.url} className="font-bold hover:text-brand">
                {article.title}
              </a>
              <p className="mt-1 line-clamp-2 text-sm text-muted">{article.excerpt}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
