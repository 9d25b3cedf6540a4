import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblem } from './check';
import {
  findPunctuation,
  fixPunctuation,
  punctuationProblems,
  type PunctuationFinding,
} from './punctuation';
import { listSourceFiles } from './source-files';

const FRONT = '---\ntitle: 标题\ndate: 2024-01-24T08:00:00+08:00\n---\n\n';
const md = (body: string) => `${FRONT}${body}\n`;
/** The body after --fix. */
const fixBody = (body: string) =>
  fixPunctuation('articles/a.md', md(body)).text.slice(FRONT.length, -1);
const findBody = (body: string) => findPunctuation('articles/a.md', md(body));
const fixFront = (frontMatter: string) =>
  fixPunctuation('articles/a.md', `---\n${frontMatter}---\n\n正文。\n`).text;

describe('punctuation: half-width marks in Chinese are fixed', () => {
  it.each([
    // From the sample articles, as they were.
    ['1月23日,第十一批全国民族团结进步示范区', '1月23日，第十一批全国民族团结进步示范区'],
    ['原标题:全国人大代表张学武:多措并举助企发展', '原标题：全国人大代表张学武：多措并举助企发展'],
    [
      '“天气寒冷,管线阀门易受冻凝结,确保油站正常运营!”正在检查',
      '“天气寒冷，管线阀门易受冻凝结，确保油站正常运营！”正在检查',
    ],
    ['副主任医师王斌(中)在和本地医生一起查房', '副主任医师王斌（中）在和本地医生一起查房'],
    ['获评“全国社会治理创新案例(2022)”。', '获评“全国社会治理创新案例（2022）”。'],
    ['惠及商家330余户;苗族老党员雍雪萍', '惠及商家330余户；苗族老党员雍雪萍'],
    [
      '天山网讯(记者 逯风暴报道)1月23日,中共中央宣传部',
      '天山网讯（记者 逯风暴报道）1月23日，中共中央宣传部',
    ],
    ['“年轻的朋友们,今天来相会...”或许', '“年轻的朋友们，今天来相会……”或许'],
    ['取得三项成果:一是外资的注入', '取得三项成果：一是外资的注入'],
    // Other marks and places.
    ['这是一个句子.', '这是一个句子。'],
    ['第一句.第二句。', '第一句。第二句。'],
    ['等等......然后', '等等……然后'],
    ['什么?!真的吗?', '什么？！真的吗？'],
    ['他说"好的"。', '他说“好的”。'],
    ['他说:"I think so, yes."然后走了', '他说：“I think so, yes.”然后走了'],
    ['人工智能(AI)技术', '人工智能（AI）技术'],
    ['（说明)和(说明）', '（说明）和（说明）'],
    ['中文, 后面还有', '中文，后面还有'],
    ['**注意**:请按时到达', '**注意**：请按时到达'],
    ['依托5G,物联网等技术', '依托5G，物联网等技术'],
    ['时间:10:30开会', '时间：10:30开会'],
    ['## 背景:回顾', '## 背景：回顾'],
    ['- 第一项,说明', '- 第一项，说明'],
    ['1. 第一项:说明', '1. 第一项：说明'],
    ['> 引文,引文', '> 引文，引文'],
    ['| 指标(亿元) | 3,000.5 |', '| 指标（亿元） | 3,000.5 |'],
    ['[新华社报道,全文](https://example.com/a,b)', '[新华社报道，全文](https://example.com/a,b)'],
    [
      '![社区](/images/a.jpg "示意图:社区宣讲(本站绘制)")',
      '![社区](/images/a.jpg "示意图：社区宣讲（本站绘制）")',
    ],
    ['详见https://example.com/a,中文说明', '详见https://example.com/a，中文说明'],
    ['网址:https://www.gov.cn/a:b,c?d=1', '网址：https://www.gov.cn/a:b,c?d=1'],
    ['中,"OK"', '中，“OK”'],
  ])('%s', (before, after) => {
    expect(fixBody(before)).toBe(after);
    expect(findBody(before).length).toBeGreaterThan(0);
  });

  it.each([
    [
      'double-quoted',
      'title: "成都市武侯区:办好群众身边关键小事,建设中华民族共有精神家园"\n',
      'title: "成都市武侯区：办好群众身边关键小事，建设中华民族共有精神家园"\n',
    ],
    ['plain', 'title: 浙江临海:心系保供巡检忙\n', 'title: 浙江临海：心系保供巡检忙\n'],
    [
      'single-quoted',
      "title: '有风来丨年轻的朋友,我们再相会'\n",
      "title: '有风来丨年轻的朋友，我们再相会'\n",
    ],
    [
      'summary',
      'title: 标题\nsummary: 春节期间,本站照常更新.\n',
      'title: 标题\nsummary: 春节期间，本站照常更新。\n',
    ],
    [
      'block scalar',
      'summary: |\n  春节期间,本站\n  照常更新(每日)\n',
      'summary: |\n  春节期间，本站\n  照常更新（每日）\n',
    ],
    [
      'caption',
      'coverCaption: 示意图:春节灯笼(本站绘制)\n',
      'coverCaption: 示意图：春节灯笼（本站绘制）\n',
    ],
    [
      'a comment after the value',
      'title: 标题,副题 # 注释,不改\n',
      'title: 标题，副题 # 注释,不改\n',
    ],
    [
      'a plain value over two lines',
      'summary: 春节期间,本站\n  照常更新(每日)\n',
      'summary: 春节期间，本站\n  照常更新（每日）\n',
    ],
    [
      'escapes and doubled quotes',
      'title: "他说\\"好\\",对"\ncoverAlt: \'It\'\'s 中文,说明\'\n',
      'title: "他说\\"好\\"，对"\ncoverAlt: \'It\'\'s 中文，说明\'\n',
    ],
    [
      'CRLF',
      'title: 浙江临海:心系保供\r\nsource: 本站\r\n',
      'title: 浙江临海：心系保供\r\nsource: 本站\r\n',
    ],
  ])('front matter, %s', (_name, before, after) => {
    expect(fixFront(before)).toBe(`---\n${after}---\n\n正文。\n`);
  });

  it('categories and pages: their prose fields', () => {
    expect(
      fixPunctuation('categories/a.yml', 'name: 时政\ndescription: 时政要闻,权威发布\norder: 1\n')
        .text,
    ).toBe('name: 时政\ndescription: 时政要闻，权威发布\norder: 1\n');
    expect(
      fixPunctuation(
        'pages/about.md',
        '---\ntitle: 关于我们\ndescription: 定位,方针\n---\n\n我们坚持真实,准确.\n',
      ).text,
    ).toBe('---\ntitle: 关于我们\ndescription: 定位，方针\n---\n\n我们坚持真实，准确。\n');
  });
});

describe('punctuation: what is not Chinese prose is left alone', () => {
  it.each([
    ['numbers', '圆周率约为3.14，约1,000人，10:30开始，比分3:2，增长3.5%，第1,2名。'],
    ['English', 'He said: "Hello, world! How are you?" (see below).'],
    ['English inside Chinese', '他在 Hello, world 项目中工作。'],
    ['code span', '使用 `配置:值,中文(说明)` 即可。'],
    ['double code span', '使用 ``a`中,文`` 即可。'],
    ['fenced code', '```\n中文,中文:中文\n```'],
    ['tilde fence', '~~~~ts\nconst a = "中文,中文";\n~~~~'],
    ['indented code', '正文。\n\n    中文,中文:中文\n\n正文。'],
    ['URL', '网址https://example.com/中?a=1,b=2'.replace('中', 'x')],
    ['bare www', '访问www.example.com/a,b:c即可。'],
    ['e-mail', '来信请寄editor.news@example.com。'],
    ['link target', '[链接](/articles/x?a=1,2 "标题") 和 [另一个](<a b>)'],
    ['reference definition', '[1]: https://example.com/a "标题:说明"'],
    ['autolink', '见<https://example.com/中,文>。'],
    ['inline HTML', '见<span title="中,文:(说明)">中文</span>。'],
    ['HTML block', '<div class="note">\n中文,中文:中文\n</div>'],
    ['HTML comment', '<!--\n编辑备注:待核实,勿删\n-->'],
    ['entity', '甲&nbsp;乙&#12288;丙'],
    ['escape', '保留半角\\,逗号和冒号\\:'],
    ['file name and version', '请下载附件.pdf和v1.0版本'],
    ['brand', 'Yahoo!中国'],
    ['English ellipsis', 'wait... what'],
    ['ordered list markers', '1. 第一项\n2) 第二项'],
    ['table delimiter', '| 指标 | 数值 |\n| :--- | ---: |\n| 产量 | 3,000 |'],
    ['date', '日期2024.01.24发布。'],
    [
      'already full-width',
      '成都市武侯区：办好群众身边关键小事，建设中华民族共有精神家园（新华社）。',
    ],
  ])('%s', (_name, body) => {
    expect(findBody(body)).toEqual([]);
    expect(fixBody(body)).toBe(body);
  });

  it('front-matter keys, dates, lists, paths and other fields', () => {
    const text = `---
title: "标题"
date: 2024-01-24T08:00:00+08:00
category: shehui/minsheng
tags: [民族团结, 成都]
authors: [张晓雨]
related: [a-b, c-d]
cover: /images/2024/01/a.jpg
coverAlt: 社区广场
---

正文。
`;
    expect(findPunctuation('articles/a.md', text)).toEqual([]);
  });

  it('a field marked # 保留半角 keeps its marks', () => {
    expect(fixFront('title: Yahoo!中国:搜索 # 保留半角\n')).toBe(
      '---\ntitle: Yahoo!中国:搜索 # 保留半角\n---\n\n正文。\n',
    );
  });

  it('straight quotes inside a YAML "…" scalar are its escapes: left alone', () => {
    expect(fixFront('title: "他说\\"好\\""\n')).toBe('---\ntitle: "他说\\"好\\""\n---\n\n正文。\n');
  });
});

describe('punctuation: what needs a person is warned, not fixed', () => {
  it.each([
    ['a lone )', '1)第一项', ')'],
    ['a lone (', '说明(待补充', '('],
    ['a straight quote closing a curly one', '“民族团结"石榴花', '"'],
    ['an odd straight quote', '他说"好', '"'],
  ])('%s', (_name, body, found) => {
    const findings = findBody(body);
    expect(findings).toEqual([expect.objectContaining({ found, fixable: false })]);
    expect(fixBody(body)).toBe(body);
  });
});

describe('--fix', () => {
  const messy = `---
title: "成都市武侯区:办好群众身边关键小事,建设中华民族共有精神家园"
date: 2024-01-24T08:00:00+08:00
summary: 中,"OK"(说明)
---

1月23日,第十一批全国民族团结进步示范区... 他说:"好!"

\`\`\`
不改,不改
\`\`\`

1)手工处理, [链接](https://example.com/a,b) 3,000人
`;

  it('is idempotent', () => {
    const once = fixPunctuation('articles/a.md', messy);
    expect(once.text).not.toBe(messy);
    const twice = fixPunctuation('articles/a.md', once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.fixed).toEqual([]);
    // What is left is for a person.
    expect(findPunctuation('articles/a.md', once.text).every((f) => !f.fixable)).toBe(true);
  });

  it('changes only the marks, byte for byte, with CRLF and a BOM', () => {
    const crlf = `\uFEFF${messy.replace(/\n/g, '\r\n')}`;
    const fixed = fixPunctuation('articles/a.md', crlf).text;
    expect(fixed.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(fixed.replace(/\r\n/g, '\n').slice(1)).toBe(fixPunctuation('articles/a.md', messy).text);
    expect(fixed.split('\r\n')).toHaveLength(crlf.split('\r\n').length);
  });

  it('says what it changed, with line and column', () => {
    const { fixed } = fixPunctuation('articles/a.md', messy);
    const at = (f: PunctuationFinding & { line: number; column: number }) =>
      `${f.line}:${f.column} ${f.field} ${f.found}→${f.replacement}`;
    expect(fixed.map(at)).toEqual([
      // Round one.
      '2:15 title :→：',
      '2:26 title ,→，',
      '4:11 summary ,→，',
      '4:16 summary (…)→（…）',
      '7:6 body ,→，',
      '7:22 body ...→……',
      '7:28 body :→：',
      '7:29 body "…"→“…”',
      '7:31 body !→！',
      '13:7 body ,→，',
      // Round two: "OK" is Chinese once the comma before it is.
      '4:12 summary "…"→“…”',
    ]);
  });
});

describe('the content check', () => {
  it('warns with file, line, column, the mark and its replacement; never an error', () => {
    const problems = punctuationProblems([
      { path: 'articles/2024/01/a.md', text: md('原标题:全国人大代表') },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'articles/2024/01/a.md',
        line: 6,
        column: 4,
        field: 'body',
        severity: 'warning',
      }),
    ]);
    expect(formatProblem(problems[0]!)).toBe(
      'content/articles/2024/01/a.md:6:4: body: 警告 warning: 标点：中文里的半角 ":" 应为全角 "："（原标题:全国人大代表，可用 --fix 自动修正） / half-width ":" in Chinese text: use "："',
    );
  });

  it('checkContent includes them as warnings', () => {
    const problems = checkContent({
      files: [
        { path: 'categories/a.yml', text: 'name: 甲\ndescription: 甲栏目\norder: 1\n' },
        {
          path: 'articles/a.md',
          text: '---\ntitle: "浙江临海:心系保供巡检忙"\ndate: 2024-01-24T08:00:00+08:00\ncategory: a\nsource: 本站\nsummary: 摘要\n---\n\n正文。\n',
        },
      ],
      publicFileExists: () => false,
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'articles/a.md',
        line: 2,
        column: 13,
        field: 'title',
        severity: 'warning',
      }),
    ]);
  });

  it('finds nothing in the sample content', () => {
    const dir = path.resolve('content');
    const files = listSourceFiles(dir).map((file) => ({
      path: file,
      text: readFileSync(path.join(dir, file), 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(10);
    expect(punctuationProblems(files).map((p) => formatProblem(p))).toEqual([]);
  });
});
