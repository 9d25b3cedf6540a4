import type { NavItem } from '@/config/site';
import { SearchBox } from './search-box';

type Props = { name: string; slogan: string; nav: NavItem[] };

export function SiteHeader({ name, slogan, nav }: Props) {
  return (
    <header className="bg-white">
      <div className="border-b border-line text-xs text-muted">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-1.5">
          <span>{slogan}</span>
          <span className="flex gap-3">
            <a href="/feed.xml" className="hover:text-brand">
              RSS
            </a>
            <a href="/sitemap.xml" className="hover:text-brand">
              网站地图
            </a>
          </span>
        </div>
      </div>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:py-5">
        <a href="/" className="group flex items-baseline gap-3">
          <span className="text-3xl font-black tracking-wider text-brand sm:text-4xl">{name}</span>
          <span className="hidden text-sm text-muted sm:inline">{slogan}</span>
        </a>
        <SearchBox id="site-search" name="站内搜索" label="搜索文章" />
      </div>
      <nav aria-label="栏目导航" className="bg-brand">
        <ul className="mx-auto flex max-w-6xl overflow-x-auto px-2 text-[15px] font-medium text-white [scrollbar-width:none]">
          {nav.map((item) => (
            <li key={item.href} className="shrink-0">
              <a
                href={item.href}
                className="block px-3 py-2.5 hover:bg-brand-dark focus-visible:bg-brand-dark sm:px-4"
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
