type Props = { title: string; href?: string; id?: string; more?: string };

export function SectionHeading({ title, href, id, more = '更多' }: Props) {
  return (
    <div className="mb-3 flex items-center justify-between border-b-2 border-brand">
      <h2 id={id} className="-mb-0.5 border-b-2 border-brand pb-1.5 text-lg font-bold text-ink">
        {title}
      </h2>
      {href && (
        <a href={href} className="text-sm text-muted hover:text-brand">
          {more} ›
        </a>
      )}
    </div>
  );
}
