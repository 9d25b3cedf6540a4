import type { ArticleSummary } from '@/lib/content/types';

type Item = { article: ArticleSummary; note?: string };
type Props = { items: Item[]; numbered?: boolean; label: string };

/**
 * Titles only, as portals' sidebars show them: short beside a long list. Styled from one class
 * (.compact-list): the article page shows two of these, and a class on each item cost its budget.
 */
export function CompactList({ items, numbered = false, label }: Props) {
  const List = numbered ? 'ol' : 'ul';
  return (
    <List aria-label={label} className="compact-list">
      {items.map(({ article, note }, index) => (
        <li key={article.slug}>
          {numbered && (
            <span aria-hidden="true" className={index < 3 ? 'rank rank-top' : 'rank'}>
              {index + 1}
            </span>
          )}
          <div>
            <a href={article.url}>{article.title}</a>
            {note && <p className="text-xs text-muted">{note}</p>}
          </div>
        </li>
      ))}
    </List>
  );
}
