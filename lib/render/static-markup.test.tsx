import { describe, expect, it } from 'vitest';
import { renderStaticMarkup } from './static-markup';

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
});
