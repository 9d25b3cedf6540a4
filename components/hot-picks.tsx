import type { ArticleSummary } from '@/lib/content/types';
import { ArticleList } from './article-list';
import { SectionHeading } from './section-heading';

type Props = {
  articles: ArticleSummary[];
  /** The view store did not answer, rather than having no views yet. */
  unavailable: boolean;
  categoryNames: Record<string, string>;
};

/** 热门排行 without a ranking: one short line saying why, then featured and newest articles. */
export function HotPicks({ articles, unavailable, categoryNames }: Props) {
  return (
    <section aria-labelledby="hot-picks" className="bg-white p-4 sm:p-6" data-testid="hot-picks">
      <p className="mb-3 text-sm text-muted" data-testid="hot-note">
        {unavailable
          ? '阅读统计暂时不可用，先看看最新/推荐文章。'
          : '暂无足够阅读数据，先看看最新/推荐文章。'}
      </p>
      <SectionHeading id="hot-picks" title="推荐阅读" />
      <ArticleList articles={articles} categoryNames={categoryNames} />
    </section>
  );
}
