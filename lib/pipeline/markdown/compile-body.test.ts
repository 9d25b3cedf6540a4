import { describe, expect, it } from 'vitest';
import { compileBody } from './compile-body';

const body = `第一段，有**重点**和[链接](/articles/a)。

## 小标题

| 列 | 值 |
| --- | --- |
| 一 | 二 |

<p onclick="x()">原始 HTML</p><script>alert(1)</script>

![图](/images/a.jpg "图注")

最后一段。
`;

describe('compileBody', () => {
  it('gives the HTML and the plain paragraphs from one parse', async () => {
    const compiled = await compileBody(body);
    expect(compiled.html).toContain('<table>');
    expect(compiled.html).toContain('<figcaption>图注</figcaption>');
    const paragraphs = compiled.text.split('\n');
    expect(paragraphs[0]).toBe('第一段，有重点和链接。');
    expect(paragraphs.at(-1)).toBe('最后一段。');
  });

  it('never lets script or event handlers through', async () => {
    const { html, text } = await compileBody(body);
    expect(html).not.toMatch(/<script|onclick/i);
    expect(text).not.toContain('alert');
    expect(text.split('\n')[0]).toBe('第一段，有重点和链接。');
  });

  it('can be called again and again on the same processor', async () => {
    const [a, b] = await Promise.all([compileBody('甲'), compileBody('乙')]);
    expect(a.html).toBe('<p>甲</p>');
    expect(b.html).toBe('<p>乙</p>');
  });
});
