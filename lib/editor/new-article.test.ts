import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from '@/lib/content/rules';
import { newArticleFile, slugFromTitle, uniqueSlug } from './new-article';

describe('slugFromTitle', () => {
  it('turns a Chinese title into toneless pinyin', () => {
    expect(slugFromTitle('民族团结润童心')).toBe('min-zu-tuan-jie-run-tong-xin');
  });
  it('keeps numbers and Latin words, drops punctuation', () => {
    expect(slugFromTitle('2023年“最美铁路人”亮相：5G新疆')).toBe(
      '2023-nian-zui-mei-tie-lu-ren-liang-xiang-5g-xin-jiang',
    );
  });
  it('cuts at about 60 characters on a syllable boundary and always matches the slug rule', () => {
    const slug = slugFromTitle('成都市武侯区:办好群众身边关键小事,建设中华民族共有精神家园');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.startsWith('cheng-du-shi-wu-hou-qu-ban-hao')).toBe(true);
    expect(slug.endsWith('-')).toBe(false);
  });
  it('falls back when a title has nothing to spell', () => {
    expect(slugFromTitle('！？')).toBe('article');
  });
});

describe('uniqueSlug', () => {
  it('adds -2, -3 … to a slug that is taken', () => {
    expect(uniqueSlug('a', new Set())).toBe('a');
    expect(uniqueSlug('a', new Set(['a']))).toBe('a-2');
    expect(uniqueSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});

describe('newArticleFile', () => {
  it('writes a draft dated now in +08:00 under yyyy/mm', () => {
    const file = newArticleFile({
      title: '标题',
      category: 'qinggan/gushi',
      source: '本站综合',
      at: new Date('2024-01-31T20:00:00Z'),
      taken: new Set(['biao-ti']),
    });
    expect(file.path).toBe('articles/2024/02/biao-ti-2.md');
    expect(file.text).toContain('date: 2024-02-01T04:00:00+08:00');
    expect(file.text).toContain('draft: true');
    expect(file.text).toContain('tags: []');
    expect(file.text).toContain('source: "本站综合"');
  });
});
