import { describe, expect, it } from 'vitest';
import { compileBody } from './markdown/compile-body';
import { autoExcerpt, countReadableUnits, readingMinutes, truncateText } from './text';

const excerptOf = async (markdown: string) =>
  autoExcerpt((await compileBody(markdown)).text.split('\n'));

describe('autoExcerpt', () => {
  it('takes the first paragraph as plain text', async () => {
    const md = '## 小标题\n\n**成都**市武侯区[荣获](/x)称号。\n\n第二段。';
    expect(await excerptOf(md)).toBe('成都市武侯区荣获称号。');
  });
  it('never lets raw HTML into the excerpt', async () => {
    const md = '<script>alert(1)</script>\n\n正文<b>加粗</b>内容。';
    expect(await excerptOf(md)).toBe('正文加粗内容。');
  });
  it('cuts long text at a sentence end near 120 characters', () => {
    const sentence = '这是一个测试句子，用来检验摘要截取。'; // 18 chars
    const text = sentence.repeat(10);
    const cut = truncateText(text, 120);
    expect(cut.endsWith('。')).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(120);
    expect(Array.from(cut).length).toBeGreaterThanOrEqual(80);
  });
  it('cuts hard with an ellipsis when there is no sentence end', () => {
    const cut = truncateText('字'.repeat(200), 120);
    expect(Array.from(cut)).toHaveLength(120);
    expect(cut.endsWith('…')).toBe(true);
  });
  it('keeps short text whole', () => {
    expect(truncateText('短文本', 120)).toBe('短文本');
  });
});

describe('reading time', () => {
  it('counts Chinese characters and Latin words', () => {
    expect(countReadableUnits('5G网络 in 2024年')).toBe(3 + 3);
  });
  it('reads about 400 Chinese characters a minute, at least one', () => {
    expect(readingMinutes('字'.repeat(100))).toBe(1);
    expect(readingMinutes('字'.repeat(1200))).toBe(3);
  });
  it('ignores code blocks and headings in the plain text', async () => {
    expect((await compileBody('# 标题\n\n```js\nconst a = 1;\n```\n\n正文')).text).toBe('正文');
  });
});
