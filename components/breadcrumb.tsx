import type { Crumb } from '@/lib/content/types';

export function Breadcrumb({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="当前位置" className="text-sm text-muted">
      <span>当前位置：</span>
      <ol className="inline">
        {items.map((item, index) => (
          <li key={item.href} className="inline">
            {index > 0 && (
              <span aria-hidden="true" className="mx-1.5">
                &gt;
              </span>
            )}
            <a href={item.href} aria-current={index === items.length - 1 ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
