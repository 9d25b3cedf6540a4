import type { NavItem } from '@/config/site';
import { SearchBox } from './search-box';

/** The same page in the other edition: 繁體 on a 简体 page, 简体 on a 繁體 one. */
type EditionLink = { href: string; label: string; hreflang: string };
type Props = {
  name: string;
  slogan: string;
  nav: NavItem[];
  current?: string;
  edition: EditionLink;
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
export function SiteHeader({ name, slogan, nav, current, edition, search = true }: Props) {
  return (
    <header className="bg-white print:hidden">
      <div className="top-bar">
        <div className="top-row">
          {/* Once on the page: here from 640 px, beside the name from 768 px (room for both). */}
          <span className="md:hidden">{slogan}</span>
          <span className="ml-auto flex gap-3">
            <a href="/feed.xml">RSS</a>
            <a href="/sitemap.xml">网站地图</a>
          </span>
        </div>
      </div>
      <div className="header-row">
        <a href="/" className="logo">
          {name}
        </a>
        <span className="slogan">{slogan}</span>
        {search && (
          <div className="header-search">
            <SearchBox id="site-search" name="站内搜索" label="搜索文章" />
          </div>
        )}
        {/* lang: the label is in the other edition's script, and is never converted. */}
        <a
          href={edition.href}
          hrefLang={edition.hreflang}
          lang={edition.hreflang}
          className={search ? 'edition-switch' : 'edition-switch ml-auto'}
        >
          {edition.label}
        </a>
      </div>
      <nav aria-label="栏目导航" className="channel-bar">
        <div className="channel-row">
          <ul className="channel-list">
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
