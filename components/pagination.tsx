type Props = { page: number; totalPages: number; hrefFor: (page: number) => string };

/** Shows first, last and the pages around the current one; gaps as ellipses. */
function visiblePages(page: number, totalPages: number): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let n = 1; n <= totalPages; n += 1) {
    if (n === 1 || n === totalPages || Math.abs(n - page) <= 2) pages.push(n);
    else if (pages[pages.length - 1] !== null) pages.push(null);
  }
  return pages;
}

export function Pagination({ page, totalPages, hrefFor }: Props) {
  if (totalPages <= 1) return null;
  const linkClass = 'rounded border border-line bg-white px-3 py-1.5 hover:border-brand';
  return (
    <nav
      aria-label="分页"
      className="mt-6 flex flex-wrap items-center justify-center gap-2 text-sm"
    >
      {page > 1 && (
        <a href={hrefFor(page - 1)} rel="prev" className={linkClass}>
          上一页
        </a>
      )}
      {visiblePages(page, totalPages).map((n, index) =>
        n === null ? (
          <span key={`gap-${index}`} className="px-1 text-muted">
            …
          </span>
        ) : n === page ? (
          <span key={n} aria-current="page" className="rounded bg-brand px-3 py-1.5 text-white">
            {n}
          </span>
        ) : (
          <a key={n} href={hrefFor(n)} className={linkClass}>
            {n}
          </a>
        ),
      )}
      {page < totalPages && (
        <a href={hrefFor(page + 1)} rel="next" className={linkClass}>
          下一页
        </a>
      )}
    </nav>
  );
}
