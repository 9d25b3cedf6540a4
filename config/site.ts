import { env } from '../lib/env';

export type NavItem = { label: string; href: string; children?: NavItem[] };

export const siteConfig = {
  name: '服务粉丝',
  slogan: '我们一直在努力',
  description: '服务粉丝新闻网：时政、社会、财经、文化与情感故事，每日更新。',
  url: env.siteUrl,
  /** Where security problems are reported (SECURITY.md): security@ the site's domain. */
  securityContact: `security@${new URL(env.siteUrl).hostname.replace(/^www\./, '')}`,
  /** BCP 47: <html lang>, dates, numbers, feeds and structured data. */
  locale: 'zh-CN',
  /** Publication times are shown and interpreted (dates without an offset) in this zone. */
  timeZone: 'Asia/Shanghai',
  /** The same values as app/globals.css's @theme (a unit test keeps them equal). */
  colors: { brand: '#b8141b', brandDark: '#8c0f15', ink: '#1f2328', muted: '#5f6670' },
  defaultSource: '本站综合',
  copyrightHolder: '服务粉丝新闻网',
  pageSize: env.pageSize,
  listSize: 10,
  // 相关阅读: four with their excerpts, as the portal page this site is modelled on shows them.
  relatedSize: 4,
  /** 公告 on the home page: the newest site notices (type: notice) of the last `days` days. */
  notices: { limit: 3, days: 30 },
  logo: '/logo.png',
  defaultImage: '/og-default.png',
  feedSize: 50,
  sitemapSize: env.sitemapSize,
  prerender: env.prerender,
  /**
   * 联系我们 (content/pages/contact.md shows these above its text). The values below are examples
   * (example.com, 示例): `npm run content:check` warns until the operator puts the newsroom's own.
   */
  contact: {
    newsroom: '服务粉丝新闻网编辑部',
    address: '北京市东城区示例大街 1 号（示例地址）',
    postcode: '100000',
    phone: '010-12345678（示例）',
    hours: '工作日 9:00—18:00（节假日值班见网站公告）',
    emails: [
      { label: '新闻线索', address: 'tips@example.com' },
      { label: '投稿', address: 'tougao@example.com' },
      { label: '更正与投诉', address: 'jiucuo@example.com' },
      { label: '版权与合作', address: 'hezuo@example.com' },
    ],
  },
  /** Shown in the footer when set, linked to the official record sites (ICP_BEIAN, POLICE_BEIAN). */
  beian: {
    icp: env.beian.icp,
    police: env.beian.police,
    icpUrl: 'https://beian.miit.gov.cn/',
    policeUrl: 'https://beian.mps.gov.cn/#/query/webSearch',
  },
} as const;

export function absoluteUrl(path: string): string {
  return new URL(path, siteConfig.url).toString();
}
