import type { ArticleSummary } from '@/lib/content/types';
import type { HotItem } from '@/lib/hot/ranking';
import { formatCount } from '@/lib/format/number';
import { CompactList } from './compact-list';
import { SectionHeading } from './section-heading';

/** Without `latest` (the home page, whose main column lists the newest articles already). */
type Props = { hot: HotItem[]; latest?: ArticleSummary[] };

export function SideLists({ hot, latest }: Props) {
  return (
    <aside className="space-y-6">
      <section aria-labelledby="hot-heading" className="bg-white p-4" data-testid="hot-list">
        <SectionHeading id="hot-heading" title="热门文章" />
        <CompactList
          numbered
          label="热门文章"
          items={hot.map(({ article, views }) => ({
            article,
            ...(views ? { note: `阅读 ${formatCount(views)}` } : {}),
          }))}
        />
      </section>
      {latest && (
        <section
          aria-labelledby="latest-heading"
          className="bg-white p-4"
          data-testid="latest-list"
        >
          <SectionHeading id="latest-heading" title="最新文章" />
          <CompactList label="最新文章" items={latest.map((article) => ({ article }))} />
        </section>
      )}
    </aside>
  );
}
