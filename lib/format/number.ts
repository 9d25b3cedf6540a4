// Pure: numbers as readers of the site's locale write them.
import { siteConfig } from '@/config/site';

/** 12,345 */
export function formatCount(value: number): string {
  return value.toLocaleString(siteConfig.locale);
}
