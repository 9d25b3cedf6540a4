type Props = {
  /** The input's id: unique on the page, since the header and the search page each have a box. */
  id: string;
  /** The search landmark's name, so that two search forms on one page can be told apart. */
  name: string;
  /** The input's label, read out by screen readers. */
  label: string;
  defaultValue?: string;
};

/** A plain GET form: search works without JavaScript. */
export function SearchBox({ id, name, label, defaultValue = '' }: Props) {
  return (
    <form action="/search" method="get" role="search" aria-label={name} className="search-form">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={100}
        placeholder="搜索新闻"
        className="search-input"
      />
      <button type="submit" className="search-button">
        搜索
      </button>
    </form>
  );
}
