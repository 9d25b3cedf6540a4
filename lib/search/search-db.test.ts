// The title signature filters the phrase-in-title test: it must never drop a title that holds the
// phrase (its bits are a subset of the title's), and should drop most that do not.
import { describe, expect, it } from 'vitest';
import { titleSignature } from './search-db';

const holds = (title: string, phrase: string) => {
  const [tLow, tHigh] = titleSignature(title);
  const [pLow, pHigh] = titleSignature(phrase);
  return (tLow & pLow) >>> 0 === pLow && (tHigh & pHigh) >>> 0 === pHigh;
};

describe('title signatures', () => {
  const titles = [
    '成都市武侯区：办好群众身边关键小事',
    '5g网络覆盖乡村，全县新建基站120个',
    '民族团结进步示范区创建成果巩固深化',
    'ai 与 教育：课堂里的新变化 𠀀',
    '',
  ];

  it('pass every title for every phrase it holds', () => {
    for (const title of titles) {
      const chars = Array.from(title);
      for (let start = 0; start < chars.length; start += 1)
        for (let end = start + 1; end <= chars.length; end += 1)
          expect(holds(title, chars.slice(start, end).join('')), title).toBe(true);
    }
  });

  it('turn away most titles that lack the phrase', () => {
    const phrases = ['乡村振兴', '高质量发展', '民族团结', '医疗保障', '就业创业'];
    let passed = 0;
    let lacking = 0;
    for (const title of titles)
      for (const phrase of phrases) {
        if (title.includes(phrase)) continue;
        lacking += 1;
        if (holds(title, phrase)) passed += 1;
      }
    expect(lacking).toBeGreaterThan(15);
    expect(passed / lacking).toBeLessThan(0.2);
  });

  it('is empty for an empty text and stable', () => {
    expect(titleSignature('')).toEqual([0, 0]);
    expect(titleSignature('民族团结')).toEqual(titleSignature('民族团结'));
  });
});
