// Pure: what `npm run preview-link -- <slug> [--hours N]` prints (scripts/editor/preview-link.ts).
import {
  DEFAULT_PREVIEW_HOURS,
  MAX_PREVIEW_HOURS,
  previewPath,
  signPreview,
} from '../preview/token';

/** --hours: a whole number from 1 to a month; the default when not given. */
export function parseHours(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PREVIEW_HOURS;
  const hours = Number(raw.trim());
  if (
    !/^\d+$/.test(raw.trim()) ||
    !Number.isInteger(hours) ||
    hours < 1 ||
    hours > MAX_PREVIEW_HOURS
  ) {
    throw new Error(
      `--hours 须为 1 到 ${MAX_PREVIEW_HOURS} 的整数 / must be a whole number from 1 to ${MAX_PREVIEW_HOURS}, got "${raw}"`,
    );
  }
  return hours;
}

/** The preview URL of `slug` on `siteUrl`, valid for `hours` from `at`. */
export function previewLink(input: {
  secret: string;
  siteUrl: string;
  slug: string;
  at: Date;
  hours: number;
}): { url: string; expiresAt: Date } {
  // Whole seconds: the token carries seconds, and the printed expiry must be the one it checks.
  const expiresAt = new Date(Math.floor(input.at.getTime() / 1000) * 1000 + input.hours * 3600_000);
  const token = signPreview(input.secret, input.slug, expiresAt);
  return { url: new URL(previewPath(input.slug, token), input.siteUrl).toString(), expiresAt };
}

/** How the article stands, as the command says it: 草稿, 定时发布, or already public. */
export function articleState(frontMatter: { draft?: unknown; date?: unknown }, at: Date): string {
  if (frontMatter.draft === true) return '草稿（draft: true）';
  const date =
    frontMatter.date instanceof Date ? frontMatter.date : new Date(String(frontMatter.date));
  if (date.getTime() > at.getTime()) return '定时发布（日期在将来）';
  return '已发布（读者已能看到，预览链接仍可用）';
}
