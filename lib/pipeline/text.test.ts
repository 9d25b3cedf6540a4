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

// Real openings from the sample content (content/articles/2024/01/).
describe('autoExcerpt starts at the lede', () => {
  it.each([
    [
      'a reporter line (youfenglai-nianqing-de-pengyou)',
      '潮新闻 记者 朱平\n\n“年轻的朋友们,今天来相会……”或许现在很多年轻的朋友都没听过这首歌。',
      '“年轻的朋友们,今天来相会……”或许现在很多年轻的朋友都没听过这首歌。',
    ],
    [
      'a photo caption (jieli-yuanzang-jiangong-gaoyuan)',
      '图为北京大学人民医院援助自治区人民医院重症医学科副主任医师王斌(中)在和本地医生一起查房。记者 王敏 摄\n\n2015年,医疗人才“组团式”援藏启动实施。',
      '2015年,医疗人才“组团式”援藏启动实施。',
    ],
    [
      'an original title (duocuo-bingju-fazhi-yingshang-huanjing)',
      '原标题:全国人大代表张学武:多措并举助企发展 打造一流法治化营商环境\n\n“一走进大厅,就感受到浏阳法院高效便捷的工作作风和办事暖心的服务温度。”',
      '“一走进大厅,就感受到浏阳法院高效便捷的工作作风和办事暖心的服务温度。”',
    ],
    [
      'a dateline with the reporter (zuimei-tielu-ren-xinjiang)',
      '天山网讯(记者 逯风暴报道)1月23日,中共中央宣传部、中国国家铁路集团有限公司向全社会公开发布2023年“最美铁路人”先进事迹。',
      '1月23日,中共中央宣传部、中国国家铁路集团有限公司向全社会公开发布2023年“最美铁路人”先进事迹。',
    ],
    [
      'an agency dateline',
      '新华社北京1月23日电（记者张晓雨）第十一批示范区授牌活动在京举行。',
      '第十一批示范区授牌活动在京举行。',
    ],
    ['本报讯', '本报讯 （记者 李航）全市首个共享食堂开张。', '全市首个共享食堂开张。'],
    ['（记者 X 报道）', '（记者 王敏 报道）雪后的拉萨街头一片忙碌。', '雪后的拉萨街头一片忙碌。'],
    [
      'an editor’s note',
      '【编者按】本报推出系列报道。\n\n武侯区组建社区民族文化宣传队4支。',
      '武侯区组建社区民族文化宣传队4支。',
    ],
    [
      'a credit in brackets',
      '（图片来源：视觉中国）\n\n寒潮来袭，管线阀门易受冻凝结。',
      '寒潮来袭，管线阀门易受冻凝结。',
    ],
  ])('skips %s', async (_name, markdown, expected) => {
    expect(await excerptOf(markdown)).toBe(expected);
  });

  it('keeps a lede that only mentions a reporter', async () => {
    const md = '记者从市应急管理局获悉，全市已转移群众1200余人。';
    expect(await excerptOf(md)).toBe(md);
  });

  it('never runs two paragraphs together', async () => {
    expect(await excerptOf('寒潮来袭\n\n管线阀门易受冻凝结。')).toBe('寒潮来袭');
    expect(await excerptOf('潮新闻 记者 朱平\n\n寒潮来袭\n\n管线阀门易受冻凝结。')).toBe(
      '寒潮来袭',
    );
  });
});
