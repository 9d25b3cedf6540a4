import type { HotItem } from '@/lib/hot/ranking';
import { formatCount } from '@/lib/format/number';
import { SectionHeading } from './section-heading';

type Props = {
  title: string;
  id: string;
  items: HotItem[] | undefined;
  categoryNames: Record<string, string>;
};

export function HotRanking({ title, id, items, categoryNames }: Props) {
  return (
    <section aria-labelledby={id} className="bg-white p-4 sm:p-6" data-testid={id}>
      <SectionHeading id={id} title={title} />
      {!items ? (
        <p className="py-6 text-center text-muted">阅读统计暂时不可用，请稍后再试。</p>
      ) : items.length === 0 ? (
        <p className="py-6 text-center text-muted">这段时间还没有阅读记录。</p>
      ) : (
        <ol className="space-y-3">
          {items.map(({ article, views }, index) => (
            <li key={article.slug} className="flex items-baseline gap-3">
              <span
                className={`w-6 shrink-0 text-right font-bold ${index < 3 ? 'text-brand' : 'text-muted'}`}
              >
                {index + 1}
              </span>
              <div className="min-w-0 flex-1">
                <a href={article.url} className="font-medium">
                  {article.title}
                </a>
                <p className="text-xs text-muted">{categoryNames[article.category]}</p>
              </div>
              <span className="shrink-0 text-sm text-muted">阅读 {formatCount(views ?? 0)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
