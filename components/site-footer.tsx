import type { NavItem } from '@/config/site';

type Props = {
  name: string;
  slogan: string;
  copyrightHolder: string;
  year: number;
  nav: NavItem[];
};

export function SiteFooter({ name, slogan, copyrightHolder, year, nav }: Props) {
  return (
    <footer className="mt-10 border-t-4 border-brand bg-white text-sm text-muted">
      <div className="mx-auto grid max-w-6xl gap-4 px-4 py-8 sm:grid-cols-[1fr_auto]">
        <div>
          <p className="text-base font-bold text-ink">{name}</p>
          <p>{slogan}</p>
          <p className="mt-2">
            © {year} {copyrightHolder} 版权所有
          </p>
        </div>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 sm:justify-end">
          {nav.map((item) => (
            <li key={item.href}>
              <a href={item.href} className="hover:text-brand">
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </footer>
  );
}
