import type { ArticleSummary } from '@/lib/content/types';

const LABELS = { draft: '草稿', scheduled: '定时发布' } as const;

/** Only development previews carry a status; readers never see drafts or scheduled articles. */
export function StatusBadge({ status }: { status: ArticleSummary['status'] }) {
  if (!status) return null;
  return (
    <span className="mb-1 inline-block rounded bg-amber-100 px-2 py-0.5 text-xs font-bold text-amber-800">
      {LABELS[status]}
    </span>
  );
}
