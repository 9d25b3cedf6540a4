import { describe, expect, it } from 'vitest';
import { NEW_ARTICLE_PLACEHOLDER } from '@/lib/content/rules';
import { newArticleFile } from '@/lib/editor/new-article';
import { checkContent, formatProblem, type SourceFile } from './check';

const categories: SourceFile[] = [
  { path: 'categories/qinggan.yml', text: 'name: 情感\ndescription: 情感栏目\norder: 1\n' },
  { path: 'categories/qinggan/gushi.yml', text: 'name: 故事\ndescription: 故事栏目\norder: 1\n' },
];

function article(path: string, frontMatter: string, body = '正文第一段。\n'): SourceFile {
  return { path, text: `---\n${frontMatter}---\n\n${body}` };
}

const valid = `title: 标题
date: 2024-01-24T08:00:00+08:00
category: qinggan/gushi
source: 新华每日电讯
summary: 摘要
tags: [民族团结]
`;

function check(files: SourceFile[], existing: string[] = []) {
  return checkContent({
    files: [...categories, ...files],
    publicFileExists: (sitePath) => existing.includes(sitePath),
  });
}

function errors(files: SourceFile[], existing: string[] = []) {
  return check(files, existing).filter((p) => p.severity === 'error');
}

describe('content check', () => {
  it('accepts a valid article', () => {
    expect(errors([article('articles/2024/01/ok.md', valid)])).toEqual([]);
  });

  it('accepts a site notice (type: notice) and a plain article (type: article)', () => {
    expect(errors([article('articles/2024/01/ok.md', `${valid}type: notice\n`)])).toEqual([]);
    expect(errors([article('articles/2024/01/ok.md', `${valid}type: article\n`)])).toEqual([]);
  });

  it.each([
    ['missing title', valid.replace('title: 标题\n', ''), 'title', 2],
    ['missing source', valid.replace('source: 新华每日电讯\n', ''), 'source', 2],
    ['bad date', valid.replace('2024-01-24T08:00:00+08:00', '2024年1月24日'), 'date', 3],
    ['date that does not exist', valid.replace('2024-01-24', '2024-02-30'), 'date', 3],
    ['day 31 of a 30-day month', valid.replace('2024-01-24', '2024-04-31'), 'date', 3],
    ['hour that does not exist', valid.replace('T08:00', 'T24:30'), 'date', 3],
    ['updated that does not exist', `${valid}updated: 2023-02-29\n`, 'updated', 8],
    ['unknown field', `${valid}author: 张三\n`, 'author', 8],
    ['mistyped tags', valid.replace('tags: [民族团结]', 'tags: 民族团结'), 'tags', 7],
    ['mistyped draft', `${valid}draft: yes\n`, 'draft', 8],
    ['unknown article type', `${valid}type: notic\n`, 'type', 8],
    ['article type that is not text', `${valid}type: [notice]\n`, 'type', 8],
    ['unknown category', valid.replace('qinggan/gushi', 'qinggan/nope'), 'category', 4],
    ['title too long', valid.replace('title: 标题', `title: ${'长'.repeat(101)}`), 'title', 2],
    ['unknown related slug', `${valid}related: [nope]\n`, 'related', 8],
    ['cover without alt', `${valid}cover: /images/a.jpg\n`, 'coverAlt', 8],
    ['missing cover file', `${valid}cover: /images/none.jpg\ncoverAlt: 说明\n`, 'cover', 8],
  ])('reports %s with file, line and field', (_name, frontMatter, field, line) => {
    const problems = errors([article('articles/2024/01/bad.md', frontMatter)], ['/images/a.jpg']);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'articles/2024/01/bad.md', field, line }),
    );
    const text = formatProblem(problems.find((p) => p.field === field)!);
    expect(text).toMatch(new RegExp(`^content/articles/2024/01/bad\\.md:${line}: ${field}: `));
    expect(text).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/);
  });

  it('accepts 29 February of a leap year', () => {
    expect(errors([article('articles/ok.md', valid.replace('2024-01-24', '2024-02-29'))])).toEqual(
      [],
    );
  });

  it('reports a body that is still the npm run new placeholder, on its line', () => {
    const body = `${NEW_ARTICLE_PLACEHOLDER}\n`;
    const problems = errors([article('articles/2024/01/draft.md', valid, body)]);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'articles/2024/01/draft.md', field: 'body', line: 10 }),
    );
    expect(formatProblem(problems[0]!)).toMatch(
      /^content\/articles\/2024\/01\/draft\.md:10: body: .*npm run new/,
    );
  });

  it('reports the placeholder of a file written by npm run new', () => {
    const file = newArticleFile({
      title: '新文章',
      category: 'qinggan/gushi',
      source: '本站',
      at: new Date('2024-01-24T00:00:00Z'),
      taken: new Set(),
    });
    const problems = errors([{ path: file.path, text: file.text }]);
    expect(problems.map((problem) => problem.field)).toContain('body');
  });

  it('reports duplicate slugs across folders', () => {
    const problems = errors([
      article('articles/2024/01/same.md', valid),
      article('articles/2023/12/same.md', valid),
    ]);
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'slug', file: 'articles/2024/01/same.md' }),
    );
  });

  it('reports file names that are not slugs', () => {
    expect(errors([article('articles/2024/01/Bad_Name.md', valid)])).toContainEqual(
      expect.objectContaining({ field: 'slug' }),
    );
  });

  it('reports empty bodies, broken internal links and missing images on their line', () => {
    expect(errors([article('articles/a.md', valid, '\n  \n')])).toContainEqual(
      expect.objectContaining({ field: 'body' }),
    );
    const body = '第一段。\n\n见[旧文](/articles/nope)。\n\n![图](/images/missing.png)\n';
    const problems = errors([article('articles/a.md', valid, body)]);
    expect(problems).toContainEqual(expect.objectContaining({ field: 'body', line: 12 }));
    expect(problems).toContainEqual(expect.objectContaining({ field: 'body', line: 14 }));
  });

  it('reports a link or picture with a malformed %-escape on its line, instead of failing', () => {
    const body = '第一段。\n\n见[旧文](/articles/%E4%B8)。\n\n![图](/images/%ZZ.png)\n';
    const problems = errors([article('articles/a.md', valid, body)]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'articles/a.md',
        field: 'body',
        line: 12,
        message: expect.stringContaining('/articles/%E4%B8'),
      }),
      expect.objectContaining({
        file: 'articles/a.md',
        field: 'body',
        line: 14,
        message: expect.stringContaining('/images/%ZZ.png'),
      }),
    ]);
  });

  it('reports unknown documents, bad YAML and missing front matter', () => {
    const problems = errors([
      { path: 'articles/notes.txt', text: 'x' },
      { path: 'articles/no-front.md', text: '正文' },
      article('articles/broken.md', 'title: [unclosed\n'),
    ]);
    expect(problems.map((p) => [p.file, p.field])).toEqual(
      expect.arrayContaining([
        ['articles/notes.txt', '(file)'],
        ['articles/no-front.md', '(front matter)'],
        ['articles/broken.md', '(yaml)'],
      ]),
    );
  });

  it('checks category files and their parents', () => {
    const problems = errors([
      { path: 'categories/wenhua/shu.yml', text: 'name: 书\ndescription: 读书\norder: x\n' },
    ]);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'categories/wenhua/shu.yml', field: 'order', line: 3 }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'categories/wenhua/shu.yml', field: '(category)' }),
    );
  });

  it('warns, without failing, about a missing summary', () => {
    const problems = check([article('articles/a.md', valid.replace('summary: 摘要\n', ''))]);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', field: 'summary' })]);
  });

  describe('pictures', () => {
    const images: Record<string, { width: number; height: number; bytes: number }> = {
      '/images/ok.jpg': { width: 1600, height: 900, bytes: 200_000 },
      '/images/small.jpg': { width: 640, height: 360, bytes: 40_000 },
      '/images/heavy.jpg': { width: 4000, height: 3000, bytes: 5_000_000 },
      '/images/body.jpg': { width: 1000, height: 600, bytes: 90_000 },
    };
    const checkImages = (frontMatter: string, body = '正文。\n') =>
      checkContent({
        files: [...categories, article('articles/2024/01/pic.md', frontMatter, body)],
        publicFileExists: (sitePath) => sitePath in images,
        imageInfo: (sitePath) => images[sitePath],
      }).filter((p) => p.severity === 'error');

    it('accepts a cover and body pictures that fit their slots', () => {
      const md = '正文。\n\n![图](/images/body.jpg "图注")\n\n![图](/images/ok.jpg)\n';
      expect(checkImages(`${valid}cover: /images/ok.jpg\ncoverAlt: 说明\n`, md)).toEqual([]);
    });

    it.each([
      ['too small for the cover slot', '/images/small.jpg', /640×360.*1200×675/],
      ['body-sized, too small for a cover', '/images/body.jpg', /1000×600.*1200×675/],
      ['over the size limit', '/images/heavy.jpg', /4883 KB.*2048 KB/],
      ['on another site', 'https://example.com/a.jpg', /外站/],
    ])('rejects a cover %s', (_name, cover, message) => {
      const problems = checkImages(`${valid}cover: ${cover}\ncoverAlt: 说明\n`);
      expect(problems).toEqual([
        expect.objectContaining({
          field: 'cover',
          line: 8,
          message: expect.stringMatching(message),
        }),
      ]);
    });

    it.each([
      ['too small for the text column', '/images/small.jpg', /640×360.*800×300/],
      ['over the size limit', '/images/heavy.jpg', /4883 KB/],
      ['missing', '/images/none.jpg', /不存在/],
      ['on another site', 'http://example.com/a.jpg', /外站/],
    ])('rejects a body picture %s, on its line', (_name, src, message) => {
      const problems = checkImages(valid, `第一段。\n\n![图](${src} "图注")\n`);
      expect(problems).toEqual([
        expect.objectContaining({
          field: 'body',
          line: 12,
          message: expect.stringMatching(message),
        }),
      ]);
    });
  });

  it('checks the site documents in pages/', () => {
    const ok = {
      path: 'pages/about.md',
      text: '---\ntitle: 关于我们\norder: 1\n---\n\n本站简介。\n',
    };
    expect(errors([ok])).toEqual([]);
    const problems = errors([
      { path: 'pages/Contact_Us.md', text: '---\ntitle: 联系我们\nauthor: x\n---\n\n' },
      { path: 'pages/copyright.md', text: '---\norder: x\n---\n\n正文。\n' },
      { path: 'pages/deep/x.md', text: '---\ntitle: x\n---\n\n正文。\n' },
    ]);
    expect(problems.map((p) => [p.file, p.field])).toEqual(
      expect.arrayContaining([
        ['pages/Contact_Us.md', 'author'],
        ['pages/Contact_Us.md', 'slug'],
        ['pages/Contact_Us.md', 'body'],
        ['pages/copyright.md', 'title'],
        ['pages/copyright.md', 'order'],
        ['pages/deep/x.md', '(file)'],
      ]),
    );
  });
});
