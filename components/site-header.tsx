import type { NavItem } from '@/config/site';
import { SearchBox } from './search-box';

type Props = {
  name: string;
  slogan: string;
  nav: NavItem[];
  current?: string;
  /** The search box; false on the search page without a query, which is one itself. */
  search?: boolean;
};

const mark = (href: string, current?: string) =>
  href === current ? ({ 'aria-current': 'page' } as const) : {};

/**
 * The channel bar: every channel in one row from 640 px up. On a phone the first ones (and the
 * current one) stay in the bar and 栏目 opens all of them with their sub-channels: a <details>,
 * so it needs no JavaScript and nothing ever scrolls sideways.
 */
export function SiteHeader({ name, slogan, nav, current, search = true }: Props) {
  return (
    <header className="bg-white print:hidden">
      <div className="hidden border-b border-line text-xs text-muted sm:block">
        <div className="mx-auto flex max-w-6xl px-4 py-1.5">
          {/* Once on the page: here from 640 px, beside the name from 768 px (room for both). */}
          <span className="md:hidden">{slogan}</span>
          <span className="ml-auto flex gap-3">
            <a href="/feed.xml">RSS</a>
            <a href="/sitemap.xml">网站地图</a>
          </span>
        </div>
      </div>
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:py-5">
        <a href="/" className="shrink-0 text-2xl font-black tracking-wider text-brand sm:text-4xl">
          {name}
        </a>
        <span className="hidden text-sm text-muted md:inline">{slogan}</span>
        {search && (
          <div className="ml-auto min-w-0 flex-1 sm:max-w-xs">
            <SearchBox id="site-search" name="站内搜索" label="搜索文章" />
          </div>
        )}
      </div>
      <nav aria-label="栏目导航" className="relative bg-brand text-[15px] font-medium text-white">
        <div className="mx-auto flex max-w-6xl px-1 sm:px-2">
          <ul className="flex min-w-0 flex-1">
            {nav.map((item, index) => (
              <li
                key={item.href}
                className={index >= 4 && item.href !== current ? 'max-sm:hidden' : undefined}
              >
                <a href={item.href} {...mark(item.href, current)} className="nav-link">
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
          <details className="nav-menu sm:hidden">
            <summary className="nav-link">
              <svg aria-hidden="true" viewBox="0 0 16 16">
                <path d="M2 3h12v2H2zm0 4h12v2H2zm0 4h12v2H2z" />
              </svg>
              栏目
            </summary>
            <ul>
              {nav.map((item) => (
                <li key={item.href}>
                  <a href={item.href} {...mark(item.href, current)}>
                    {item.label}
                  </a>
                  {item.children?.map((child) => (
                    <a key={child.href} href={child.href}>
                      {child.label}
                    </a>
                  ))}
                </li>
              ))}
              <li>
                <a href="/tags">标签</a>
              </li>
            </ul>
          </details>
        </div>
      </nav>
    </header>
  );
}
