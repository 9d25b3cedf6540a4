import type { ArticleSummary } from '@/lib/content/types';

type Item = { article: ArticleSummary; note?: string };
type Props = { items: Item[]; numbered?: boolean; label: string };

/** Titles only, as portals' sidebars show them: short beside a long list. */
export function CompactList({ items, numbered = false, label }: Props) {
  const List = numbered ? 'ol' : 'ul';
  return (
    <List aria-label={label} className="space-y-2.5">
      {items.map(({ article, note }, index) => (
        <li key={article.slug} className="flex gap-2.5 leading-snug">
          {numbered && (
            <span aria-hidden="true" className={index < 3 ? 'rank rank-top' : 'rank'}>
              {index + 1}
            </span>
          )}
          <div className="min-w-0">
            <a href={article.url}>{article.title}</a>
            {note && <p className="text-xs text-muted">{note}</p>}
          </div>
        </li>
      ))}
    </List>
  );
}
