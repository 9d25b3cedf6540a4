type Props = {
  status: 'draft' | 'scheduled' | 'published';
  /** When the link stops working, as readers read dates (2024年1月27日 12:00). */
  expires: string;
  /** The article's date: when a scheduled article goes out. */
  publishes: string;
  /** The article's public address, for one already published. */
  publicUrl: string;
};

const STATE = {
  draft: () => '尚未发布',
  scheduled: (publishes: string) => (
    <>
      定时发布：<span className="whitespace-nowrap">{publishes}</span>
    </>
  ),
  published: () => '已发布',
} as const;

/** The strip above a draft's preview: what this page is, and until when the link works. */
export function PreviewBanner({ status, expires, publishes, publicUrl }: Props) {
  return (
    <div
      role="note"
      aria-label="预览稿件"
      data-testid="preview-banner"
      className="border-2 border-amber-500 bg-amber-50 px-4 py-3 text-amber-900 print:border-black"
    >
      <p className="font-bold">
        <span className="mr-2 inline-block rounded bg-amber-600 px-2 py-0.5 text-white">预览</span>
        预览稿件 · {STATE[status](publishes)} ·{' '}
        <span className="whitespace-nowrap">链接将于 {expires} 失效</span>
      </p>
      <p className="mt-1 text-sm">
        本页仅供审稿，读者看不到；链接即凭证，请勿公开转发。
        {status === 'published' && (
          <>
            {' '}
            <a href={publicUrl} className="underline">
              查看已发布的文章
            </a>
          </>
        )}
      </p>
    </div>
  );
}
