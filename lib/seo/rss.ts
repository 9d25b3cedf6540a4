// Pure: RSS 2.0 with the full, already sanitised body in content:encoded.
import { Feed } from 'feed';
import type { ArticleDetail } from '@/lib/content/types';
import { xmlText } from './xml-text';

// The feed library writes titles, summaries and bodies as CDATA sections but splits only the
// first "]]>" in each, so a second one ends the section early and breaks the whole feed. Every
// "]]>" is swapped for a private-use marker on the way in and becomes a proper split on the way
// out: the reader gets the text back exactly.
const CDATA_END = ']]>';
const MARKER = '\uE000cdata-end\uE000';
const SPLIT = ']]]]><![CDATA[>';

/** Text for a CDATA field: no forbidden character, and no "]]>" until the feed is written. */
function cdata(text: string): string {
  return xmlText(text).replaceAll(MARKER, '').replaceAll(CDATA_END, MARKER);
}

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
    title: cdata(channel.title),
    description: cdata(channel.description),
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
      title: cdata(article.title),
      id: link,
      link,
      date: new Date(article.date),
      description: cdata(article.excerpt),
      content: cdata(absolutizeHtml(article.html, channel.siteUrl)),
      category: [{ name: xmlText(categoryNames[article.category] ?? article.category) }],
      author: names.map((name) => ({ name: xmlText(name) })),
    });
  }
  return feed.rss2().replaceAll(MARKER, SPLIT);
}
