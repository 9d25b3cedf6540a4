import type { ArticleSummary } from '@/lib/content/types';
import { formatDate } from '@/lib/format/date';
import { coverOf } from '@/lib/images/picture';
import { Img } from './picture';

type Props = {
  lead?: ArticleSummary;
  top: ArticleSummary[];
  categoryNames: Record<string, string>;
};

/** 头条 as a focus picture with its title, 要闻 beside it (below it on a phone). */
export function Headlines({ lead, top, categoryNames }: Props) {
  if (!lead) return null;
  const cover = coverOf(lead);
  return (
    <div className="grid gap-4 bg-white p-4 sm:p-5 md:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
      <section aria-label="头条" data-testid="headlines">
        <h2 className="text-xl leading-snug font-black sm:text-2xl">
          {cover ? (
            <a href={lead.url} className="focus">
              <Img
                picture={cover}
                decorative
                priority
                sizes="(min-width: 1024px) 460px, (min-width: 768px) 55vw, 100vw"
              />
              <span>{lead.title}</span>
            </a>
          ) : (
            <a href={lead.url}>{lead.title}</a>
          )}
        </h2>
        <p className="mt-2 line-clamp-3 text-[15px] text-muted">{lead.excerpt}</p>
        <p className="mt-1 text-xs text-muted">
          <span className="text-brand">{categoryNames[lead.category]}</span>
          <time className="ml-3" dateTime={lead.date}>
            {formatDate(lead.date)}
          </time>
        </p>
      </section>
      {top.length > 0 && (
        <section aria-labelledby="home-top">
          <h2 id="home-top" className="border-b-2 border-brand pb-1.5 text-lg font-bold">
            要闻
          </h2>
          <ul className="mt-2 divide-y divide-line">
            {top.map((article, index) => (
              <li key={article.slug} className="py-2">
                <a href={article.url} className={`${index === 0 ? 'text-[17px] font-bold' : ''}`}>
                  {article.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
