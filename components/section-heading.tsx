type Props = { title: string; href?: string; id?: string; more?: string };

export function SectionHeading({ title, href, id, more = '更多' }: Props) {
  return (
    <div className="heading-bar">
      <h2 id={id}>{title}</h2>
      {href && <a href={href}>{more} ›</a>}
    </div>
  );
}
