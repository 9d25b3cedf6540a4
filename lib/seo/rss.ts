// Pure: RSS 2.0 with the full, already sanitised body in content:encoded.
import { Feed } from 'feed';
import type { ArticleDetail } from '@/lib/content/types';

export type FeedChannel = {
  title: string;
  description: string;
  siteUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  /** Absolute URL of the page the feed mirrors. */
  link: string;
  copyright: string;
  image: string;
  /** BCP 47, e.g. zh-CN. */
  language: string;
};

/** Feed readers resolve nothing against the page: make site-relative links absolute. */
export function absolutizeHtml(html: string, siteUrl: string): string {
  return html.replace(/(\s(?:href|src))="\/(?!\/)/g, `$1="${siteUrl}/`);
}

export function buildRss(
  channel: FeedChannel,
  articles: ArticleDetail[],
  categoryNames: Record<string, string>,
): string {
  const feed = new Feed({
    title: channel.title,
    description: channel.description,
    id: channel.link,
    link: channel.link,
    language: channel.language,
    image: channel.image,
    copyright: channel.copyright,
    feedLinks: { rss: channel.feedUrl },
    generator: channel.title,
    ...(articles[0] ? { updated: new Date(articles[0].date) } : {}),
  });
  for (const article of articles) {
    const link = new URL(article.url, channel.siteUrl).toString();
    const names = article.authors.length > 0 ? article.authors : [article.source];
    feed.addItem({
      title: article.title,
      id: link,
      link,
      date: new Date(article.date),
      description: article.excerpt,
      content: absolutizeHtml(article.html, channel.siteUrl),
      category: [{ name: categoryNames[article.category] ?? article.category }],
      author: names.map((name) => ({ name })),
    });
  }
  return feed.rss2();
}
