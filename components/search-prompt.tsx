import type { NavItem } from '@/config/site';

/**
 * The search page without a query: one line on what search covers and the ways to browse instead
 * (the channels, 热门, the tags), not a second search box or advice about a query never typed.
 */
export function SearchPrompt({ nav }: { nav: NavItem[] }) {
  const channels = nav.filter((item) => item.href !== '/');
  return (
    <div className="py-6 text-muted" data-testid="search-empty">
      <p>请输入关键词，搜索本站全部文章的标题和正文。</p>
      <p className="mt-4 text-sm">或者按栏目浏览：</p>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        {channels.map((item) => (
          <li key={item.href}>
            <a href={item.href} className="tag">
              {item.label}
            </a>
          </li>
        ))}
        <li>
          <a href="/tags" className="tag">
            全部标签
          </a>
        </li>
      </ul>
    </div>
  );
}
