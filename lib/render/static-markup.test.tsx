import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BLOCKED_URL, renderStaticMarkup } from './static-markup';

function Item({ title, note }: { title: string; note?: string }) {
  return (
    <li className="item">
      <a href={`/a?x=1&y="2"`}>{title}</a>
      {note && <span>{note}</span>}
    </li>
  );
}

describe('renderStaticMarkup', () => {
  it('writes host elements, components, fragments, arrays and escapes', () => {
    expect(
      renderStaticMarkup(
        <>
          <ul aria-label="热门">
            {['<一>', '二 & 三'].map((title, index) => (
              <Item key={title} title={title} note={index ? '阅读 3' : undefined} />
            ))}
          </ul>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/a.png" alt="图" width={10} fetchPriority="high" />
          <details open>
            <summary>分享</summary>
          </details>
          <input readOnly defaultValue="x" aria-hidden={true} />
          <div dangerouslySetInnerHTML={{ __html: '<p>正文</p>' }} />
          <time dateTime="2024-01-24">{2024}年</time>
        </>,
      ),
    ).toBe(
      '<ul aria-label="热门"><li class="item"><a href="/a?x=1&amp;y=&quot;2&quot;">&lt;一&gt;</a></li>' +
        '<li class="item"><a href="/a?x=1&amp;y=&quot;2&quot;">二 &amp; 三</a><span>阅读 3</span></li></ul>' +
        '<img src="/a.png" alt="图" width="10" fetchpriority="high">' +
        '<details open><summary>分享</summary></details>' +
        '<input readonly value="x" aria-hidden="true">' +
        '<div><p>正文</p></div><time datetime="2024-01-24">2024年</time>',
    );
  });
  it('refuses what would need the browser', () => {
    expect(() => renderStaticMarkup(<button onClick={() => undefined}>x</button>)).toThrow(
      /onClick/,
    );
    expect(() => renderStaticMarkup(<p style={{ color: 'red' }}>x</p>)).toThrow(/style/);
    expect(() =>
      renderStaticMarkup(
        <p tabIndex={0} contentEditable>
          x
        </p>,
      ),
    ).toThrow(/contentEditable/);
    async function Later() {
      return <p>x</p>;
    }
    expect(() => renderStaticMarkup(<Later />)).toThrow(/synchronous/);
  });

  it('refuses javascript: URLs in href, src and action as React does', () => {
    const urls = ['javascript:alert(1)', ' JavaScript:alert(1)', '\u0001java\tscript:alert(1)'];
    for (const url of urls) {
      const element = (
        <form action={url}>
          <a href={url}>链接</a>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={url} alt="" />
        </form>
      );
      const html = renderStaticMarkup(element);
      expect(html).not.toContain('alert(1)');
      expect(html.split(BLOCKED_URL).length - 1).toBe(3);
      // The URL React itself writes in its place.
      expect(renderToStaticMarkup(element)).toContain(BLOCKED_URL.replace(/'/g, '&#x27;'));
    }
    expect(renderStaticMarkup(<a href="/javascript:ok">ok</a>)).toContain('href="/javascript:ok"');
  });
});
