import type { ArticleSummary } from '@/lib/content/types';

type Item = { article: ArticleSummary; note?: string };
type Props = { items: Item[]; numbered?: boolean; label: string };

export function CompactList({ items, numbered = false, label }: Props) {
  const List = numbered ? 'ol' : 'ul';
  return (
    <List aria-label={label} className="space-y-3">
      {items.map(({ article, note }, index) => (
        <li key={article.slug} className="flex gap-2.5">
          {numbered && (
            <span
              aria-hidden="true"
              className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-sm text-xs font-bold text-white ${index < 3 ? 'bg-brand' : 'bg-gray-600'}`}
            >
              {index + 1}
            </span>
          )}
          <div className="min-w-0">
            <a href={article.url} className="leading-snug font-medium hover:text-brand">
              {article.title}
            </a>
            <p className="mt-0.5 line-clamp-2 text-[13px] leading-relaxed text-muted">
              {article.excerpt}
            </p>
            {note && <p className="text-xs text-muted">{note}</p>}
          </div>
        </li>
      ))}
    </List>
  );
}
