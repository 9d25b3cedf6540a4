import type { ArticleDetail } from '@/lib/content/types';
import { formatDateTime } from '@/lib/format/date';
import { formatCount } from '@/lib/format/number';
import { tagUrl } from '@/lib/content/rules';
import { coverOf } from '@/lib/images/picture';
import { Img } from './picture';
import { RevisionHistory } from './revision-history';
import { SharePanel } from './share-panel';
import { StatusBadge } from './status-badge';

type Props = {
  article: ArticleDetail;
  categoryName: string;
  categoryHref: string;
  /** Total reads; undefined when the view store is unavailable. */
  views?: number;
  /** The canonical URL: shared, and printed under the meta line. */
  url: string;
  /** Where the page script counts a view of it; none on a draft's preview. */
  viewUrl?: string;
  /** False on a draft's preview: its public URL, QR code and share links do not exist yet. */
  shareable?: boolean;
};

export function ArticleView({
  article,
  categoryName,
  categoryHref,
  views,
  url,
  viewUrl,
  shareable = true,
}: Props) {
  const cover = coverOf(article);
  return (
    <article className="story" data-view={viewUrl}>
      <StatusBadge status={article.status} />
      <h1 className="story-title">{article.title}</h1>
      <p className="story-meta">
        <span>
          日期：<time dateTime={article.date}>{formatDateTime(article.date)}</time>
        </span>
        <span>来源：{article.source}</span>
        {article.editor && <span>编辑：{article.editor}</span>}
        {article.authors.length > 0 && <span>记者：{article.authors.join('、')}</span>}
        <span>阅读约 {article.readingTime} 分钟</span>
        {views !== undefined && views > 0 && (
          <span data-testid="view-count">阅读 {formatCount(views)}</span>
        )}
        <a href={categoryHref} className="text-brand hover:underline">
          {categoryName}
        </a>
      </p>
      {shareable && (
        <>
          <SharePanel url={url} path={article.url} />
          <p className="print-url">本文链接：{url}</p>
        </>
      )}
      {cover && (
        <figure className="mt-6">
          <Img
            picture={cover}
            priority
            sizes="(min-width: 1024px) 744px, 100vw"
            className="w-full"
          />
          {/* The caption, or the alt text as before coverCaption existed. */}
          <figcaption className="story-caption">
            {article.coverCaption ?? article.coverAlt}
          </figcaption>
        </figure>
      )}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
      {(article.authors.length > 0 || article.editor) && (
        <p className="story-byline" data-testid="byline">
          {article.authors.length > 0 && <span>记者：{article.authors.join('、')}　</span>}
          {article.editor && <span>【责任编辑：{article.editor}】</span>}
        </p>
      )}
      <RevisionHistory article={article} />
      {article.tags.length > 0 && (
        <div className="story-tags">
          <span className="text-muted">标签：</span>
          {article.tags.map((tag) => (
            <a key={tag} href={tagUrl(tag)} className="tag">
              {tag}
            </a>
          ))}
        </div>
      )}
    </article>
  );
}
