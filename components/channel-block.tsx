import type { ChannelBlock as Block } from '@/lib/content/home-plan';
import { categoryUrl } from '@/lib/content/rules';
import { Thumbnail } from './picture';
import { SectionHeading } from './section-heading';

/** A channel on the home page: its newest article with its picture, then titles. */
export function ChannelBlock({ category, articles }: Block) {
  const [first, ...rest] = articles;
  if (!first) return null;
  const id = `cat-${category.path}`;
  return (
    <section aria-labelledby={id} className="bg-white p-4">
      <SectionHeading id={id} title={category.name} href={categoryUrl(category.path)} />
      <ul aria-label={category.name} className="space-y-2">
        <li className="flex gap-3">
          <Thumbnail article={first} width={128} />
          <div className="min-w-0">
            <a href={first.url} className="leading-snug font-bold">
              {first.title}
            </a>
            <p className="mt-1 line-clamp-2 text-[13px] text-muted">{first.excerpt}</p>
          </div>
        </li>
        {rest.map((article) => (
          <li
            key={article.slug}
            className="truncate before:mr-2 before:text-brand before:content-['•']"
          >
            <a href={article.url}>{article.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
