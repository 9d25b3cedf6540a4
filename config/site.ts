import { env } from '@/lib/env';

export type NavItem = { label: string; href: string };

export const siteConfig = {
  name: '服务粉丝',
  slogan: '我们一直在努力',
  description: '服务粉丝新闻网：时政、社会、财经、文化与情感故事，每日更新。',
  url: env.siteUrl,
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  defaultSource: '本站综合',
  copyrightHolder: '服务粉丝新闻网',
  pageSize: env.pageSize,
  listSize: 10,
  relatedSize: 6,
  logo: '/logo.png',
  defaultImage: '/og-default.png',
  feedSize: 50,
  sitemapSize: env.sitemapSize,
  prerender: env.prerender,
} as const;

export function absoluteUrl(path: string): string {
  return new URL(path, siteConfig.url).toString();
}
