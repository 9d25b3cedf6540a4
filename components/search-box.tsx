/** A plain GET form: search works without JavaScript. */
export function SearchBox({
  id = 'site-search',
  defaultValue = '',
}: {
  id?: string;
  defaultValue?: string;
}) {
  return (
    <form action="/search" method="get" role="search" className="flex w-full max-w-xs">
      <label htmlFor={id} className="sr-only">
        搜索文章
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={100}
        placeholder="搜索新闻"
        className="min-w-0 flex-1 rounded-l border border-line bg-white px-3 py-1.5 text-sm outline-none focus:border-brand"
      />
      <button
        type="submit"
        className="rounded-r bg-brand px-3 py-1.5 text-sm text-white hover:bg-brand-dark"
      >
        搜索
      </button>
    </form>
  );
}
