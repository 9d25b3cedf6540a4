import type { NavItem } from '@/config/site';
import { Island } from './island';

type Props = {
  copyrightHolder: string;
  year: number;
  /** 关于我们, 联系我们, 版权声明 …, then 网站地图 and RSS. */
  links: NavItem[];
  beian: { icp: string; police: string; icpUrl: string; policeUrl: string };
  /** The 繁體 edition's conversion of the footer's HTML (components/page-frame.tsx). */
  convert?: (html: string) => string;
  lang?: string;
};

/** The record numbers a site in mainland China shows, each linked to its official record site. */
function Beian({ beian }: Pick<Props, 'beian'>) {
  const code = beian.police.replace(/\D/g, '');
  if (!beian.icp && !beian.police) return null;
  return (
    <p className="mt-1 flex flex-wrap justify-center gap-x-4" data-testid="beian">
      {beian.icp && (
        <a href={beian.icpUrl} rel="noopener noreferrer">
          {beian.icp}
        </a>
      )}
      {beian.police && (
        <a
          href={code ? `${beian.policeUrl}?code=${code}` : beian.policeUrl}
          rel="noopener noreferrer"
        >
          {beian.police}
        </a>
      )}
    </p>
  );
}

export function SiteFooter({ copyrightHolder, year, links, beian, convert, lang }: Props) {
  return (
    // Static: the footer never changes in the browser (components/island.tsx).
    <Island as="footer" convert={convert} lang={lang} className="site-footer">
      <div className="footer-row">
        <ul className="footer-links">
          {links.map((item) => (
            <li key={item.href}>
              <a href={item.href}>{item.label}</a>
            </li>
          ))}
        </ul>
        <p className="mt-3">
          © {year} {copyrightHolder} 版权所有
        </p>
        <Beian beian={beian} />
      </div>
    </Island>
  );
}
