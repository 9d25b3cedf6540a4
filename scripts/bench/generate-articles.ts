/**
 * Deterministic synthetic corpus generator for load and build benchmarks.
 *
 *   npx tsx scripts/bench/generate-articles.ts --count 1000 --out /tmp/corpus [--seed 42]
 *
 * Writes a complete content directory: the repository's categories plus N articles that follow
 * the same front-matter contract as hand-written content. Same arguments, same bytes.
 *
 * The spread follows a city newsroom (docs/benchmarks.md, issue 16): about 100 articles a day,
 * so the archive reaches back count / 100 days (at least a year), growing year on year, mostly
 * published in the daytime; sections of very different sizes; a long tail of tags (a few very
 * common ones, thousands used a handful of times); bodies of 300 to 5,000 characters, most of
 * them short.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface Options {
  count: number;
  out: string;
  seed: number;
  /** Percentage of articles with a cover (one of the sample pictures under public/images). */
  covers: number;
}

interface ArticlePlan {
  slug: string;
  dir: string;
  date: string;
  category: string;
  draft: boolean;
}

type Random = () => number;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO_CONTENT_DIR = path.join(REPO_ROOT, 'content');
const DEFAULT_COUNT = 1000;
const DEFAULT_SEED = 42;
const DEFAULT_COVERS = 30;
// The sample content's covers (drawn by scripts/editor/draw-sample-images.ts), shared by the
// generated articles: the content check finds them under public/.
const COVERS = words(`
  chengdu-wuhou-shiliu fazhi-yingshang yuanzang-gaoyuan jingle-nongye yanji-xiaoxue
  youfenglai-yinyue linhai-jiayouzhan tielu-xinjiang chunjie-denglong
`);
const DEFAULT_OUT = path.join(REPO_ROOT, '.data', 'corpus');

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
// A fixed end instead of the wall clock so output never depends on when the script runs.
const RANGE_END_MS = Date.UTC(2026, 0, 1) - SHANGHAI_OFFSET_MS;
/** Articles a day on average: a city newsroom publishes 50 to 200. */
const ARTICLES_PER_DAY = 100;
const MIN_SPAN_DAYS = 366;
/** Body length in characters: most articles are short, a few are long reads. */
const BODY_MIN_CHARS = 300;
const BODY_MAX_CHARS = 5000;

function words(list: string): readonly string[] {
  return list.trim().split(/\s+/);
}

const PLACES = words(`
  北京 上海 广州 深圳 成都 重庆 杭州 武汉 西安 南京 长沙 郑州 昆明
  贵阳 兰州 银川 西宁 拉萨 乌鲁木齐 呼和浩特 哈尔滨 长春 沈阳 天津
  石家庄 太原 济南 合肥 南昌 福州 南宁 海口 青岛 厦门 宁波 苏州 温州
  台州 延吉 金昌 喀什 大理 赣州 遵义 威海 昆山
`);

const SUBJECTS = words(`
  当地政府 有关部门 街道社区 市场监管部门 多家企业 志愿者团队 基层干部
  教育部门 农业农村部门 交通运输部门 卫生健康部门 文旅部门 科研团队 高校师生
  人社部门 商务部门 生态环境部门 公安机关 人民法院 检察机关 行业协会
  驻村工作队
`);

const VERBS = words(`
  持续推进 加快实施 积极探索 全面落实 深入开展 不断完善 稳步推进 大力推动
  统筹推进 着力打造 有序推进 扎实开展 创新开展 系统谋划
`);

const GENERIC_OBJECTS = words(`
  老旧小区改造 数字化转型 公共服务均等化 生态环境治理 基层治理创新
  智慧城市建设 社区便民服务 城乡融合发展 医疗资源下沉 新能源汽车推广
  养老服务体系建设
`);

// Keyed by top-level category so titles and bodies roughly match the section they land in.
const TOPIC_OBJECTS: Readonly<Record<string, readonly string[]>> = {
  shizheng: words(
    '法治政府建设 基层民主协商 政务服务改革 依法行政 公正司法 普法宣传 民族团结进步创建',
  ),
  shehui: words(
    '就业创业服务 养老服务体系建设 校园安全管理 社区便民服务 青少年心理健康教育 医疗资源下沉 春运出行保障',
  ),
  caijing: words(
    '营商环境优化 产业链升级 乡村振兴 城乡融合发展 跨境电商发展 数字经济发展 高标准农田建设',
  ),
  wenhua: words('非遗传承保护 文化遗产保护 公共文化服务 文旅融合发展 全民阅读推广 博物馆数字化'),
  qinggan: words('邻里互助 志愿服务 家风建设 关爱留守儿童 敬老爱老 社区温情故事'),
};

const OUTCOMES = words(`
  取得阶段性成效 群众满意度明显提升 为高质量发展注入新动能
  形成了一批可复制可推广的经验 有效解决了群众急难愁盼问题 走出了一条特色发展之路
  实现了社会效益和经济效益双提升
`);

const TECH_TERMS = words('5G AI 大数据 物联网 北斗 GIS APP 云计算 区块链 VR');

const FACILITIES = words('便民服务站 共享食堂 党群服务中心 数字化平台 实训基地 示范点 驿站');

const METRICS: readonly { name: string; unit: string }[] = [
  { name: '地区生产总值', unit: '亿元' },
  { name: '粮食产量', unit: '万吨' },
  { name: '接待游客', unit: '万人次' },
  { name: '城镇新增就业', unit: '万人' },
  { name: '外贸进出口总额', unit: '亿元' },
  { name: '社会消费品零售总额', unit: '亿元' },
];

const ROLES = words('负责人 社区书记 企业负责人 村民 志愿者 一线工作人员 专家');

const QUOTES = words(`
  群众的事再小也是大事，我们要一件一件办好
  看到大家脸上的笑容，我们觉得再辛苦也值得 这些变化实实在在，大家都看在眼里
  下一步我们还要继续完善机制，让服务更贴心 政策好、服务好，我们发展的信心更足了
`);

const TITLE_TAILS = words(`
  让群众生活更美好 跑出发展加速度 绘就幸福新图景 答好民生必答题 激发发展新活力
  打通服务最后一公里 交出亮眼成绩单 托起稳稳的幸福 书写奋进新篇章
`);

const HEADINGS = words(`
  因地制宜谋发展 创新机制激活力 惠民举措暖人心 多方协同聚合力 数字赋能添动能
  久久为功见实效 守正创新开新局
`);

const TAGS = words(`
  民族团结 乡村振兴 营商环境 浙江 成都 新疆 西藏 四川 甘肃 山西 城乡融合
  数字经济 高质量发展 民生 就业 教育 医疗 养老 法治 普法 非遗 文旅 春运
  交通 环保 生态文明 科技创新 5G 人工智能 新能源 农业 粮食安全 基层治理
  社区 志愿服务 青年 儿童 消费 外贸 跨境电商 文化遗产 博物馆 体育
  食品安全 安全生产 防灾减灾 住房 水利 铁路 援藏 援疆 共同富裕 东西部协作
  一带一路 长江经济带 粤港澳大湾区 京津冀 长三角 成渝地区 黄河流域
`);

const SOURCES = words(`
  新华社 人民日报 新华每日电讯 光明日报 经济日报 中国青年报 法治日报
  工人日报 农民日报 中国新闻网 央视新闻 天山网 潮新闻 四川日报 浙江日报
  南方日报 本站综合
`);

const PEOPLE = words(`
  张晓雨 王敏 李航 刘洋 陈静 杨帆 赵磊 黄蕾 周婷 吴昊 徐佳 孙悦 马骏
  朱平 胡杨 郭瑞 何琳 高远 林峰 罗丹 逯风暴 郑雪 谢宁 韩冰
`);

const SLUG_WORDS = words(`
  minsheng fazhi jiaoyu nongye jingji
  wenhua gushi renwu keji shengtai
  jiaotong yiliao yanglao jiuye chengshi
  xiangcun shequ feiyi wenlv tuanjie
`);

function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rng: Random, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Random, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() called with an empty pool');
  return item;
}

function pickDistinct<T>(rng: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < n && pool.length > 0) {
    const index = Math.floor(rng() * pool.length);
    const [item] = pool.splice(index, 1);
    if (item !== undefined) chosen.push(item);
  }
  return chosen;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function parseInteger(raw: string, name: string): number {
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      covers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'Usage: tsx scripts/bench/generate-articles.ts [--count N] [--out DIR] [--seed N] [--covers PERCENT]\n' +
        `Env fallbacks: COUNT, SEED. Defaults: ${DEFAULT_COUNT} articles, seed ${DEFAULT_SEED}, ${DEFAULT_OUT}`,
    );
    process.exit(0);
  }
  const count = values.count ?? process.env.COUNT;
  const seed = values.seed ?? process.env.SEED;
  return {
    count: count === undefined ? DEFAULT_COUNT : parseInteger(count, 'count'),
    seed: seed === undefined ? DEFAULT_SEED : parseInteger(seed, 'seed'),
    out: path.resolve(values.out ?? DEFAULT_OUT),
    covers:
      values.covers === undefined
        ? DEFAULT_COVERS
        : Math.min(100, parseInteger(values.covers, 'covers')),
  };
}

/** Resolves symlinks in the longest existing prefix so a link cannot smuggle in the real content dir. */
function realPathLoose(target: string): string {
  let existing = target;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(realpathSync(existing), ...rest);
}

function isSameOrInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function assertSafeOutput(out: string): void {
  const target = realPathLoose(out);
  const content = realPathLoose(REPO_CONTENT_DIR);
  // Wiping a parent of content/ (the repo root, /, ...) or anything inside it would destroy real content.
  if (isSameOrInside(target, content) || isSameOrInside(content, target)) {
    throw new Error(`Refusing to write to ${out}: it overlaps the repository's content directory`);
  }
}

function listCategoryPaths(categoriesDir: string): string[] {
  const files = readdirSync(categoriesDir, { recursive: true, encoding: 'utf8' });
  return files
    .filter((file) => file.endsWith('.yml'))
    .map((file) =>
      file
        .split(path.sep)
        .join('/')
        .replace(/\.yml$/, ''),
    )
    .sort();
}

function selectableCategories(paths: readonly string[]): string[] {
  return paths.filter((candidate) => {
    const isTopLevel = !candidate.includes('/');
    const isLeaf = !paths.some((other) => other.startsWith(`${candidate}/`));
    return isTopLevel || isLeaf;
  });
}

function formatShanghaiDate(utcMs: number): { iso: string; year: string; month: string } {
  const local = new Date(utcMs + SHANGHAI_OFFSET_MS);
  const year = pad(local.getUTCFullYear(), 4);
  const month = pad(local.getUTCMonth() + 1, 2);
  const day = pad(local.getUTCDate(), 2);
  const time = `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:00`;
  return { iso: `${year}-${month}-${day}T${time}+08:00`, year, month };
}

/** What one article is about, so its title and sentences stay on one place, topic and year. */
interface Story {
  rng: Random;
  objects: readonly string[];
  place: string;
  year: number;
}

function makeStory(rng: Random, plan: ArticlePlan): Story {
  const top = plan.category.split('/')[0] ?? '';
  return {
    rng,
    objects: TOPIC_OBJECTS[top] ?? GENERIC_OBJECTS,
    place: pick(rng, PLACES),
    year: Number(plan.date.slice(0, 4)),
  };
}

function storyPlace(story: Story): string {
  return story.rng() < 0.75 ? story.place : pick(story.rng, PLACES);
}

function makeTitle(story: Story): string {
  const { rng, objects, place } = story;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const object = pick(rng, objects);
    const variant = randInt(rng, 0, 3);
    let title: string;
    if (variant === 0) title = `${place}：${pick(rng, VERBS)}${object} ${pick(rng, TITLE_TAILS)}`;
    else if (variant === 1) title = `${story.year - 1}年${place}${object}${pick(rng, OUTCOMES)}`;
    else if (variant === 2)
      title = `${pick(rng, VERBS)}${object} ${place}${pick(rng, TITLE_TAILS)}`;
    else title = `${place}${pick(rng, SUBJECTS)}${pick(rng, VERBS)}${object}`;
    const length = [...title].length;
    if (length >= 12 && length <= 30) return title;
  }
  return `${place}${pick(rng, SUBJECTS)}${pick(rng, VERBS)}${pick(rng, objects)}`;
}

function makeSentence(story: Story): string {
  const { rng } = story;
  const place = storyPlace(story);
  const subject = pick(rng, SUBJECTS);
  const verb = pick(rng, VERBS);
  const object = pick(rng, story.objects);
  const year = story.year - randInt(rng, 0, 2);
  switch (randInt(rng, 0, 8)) {
    case 0:
      return `${year}年以来，${place}${subject}${verb}${object}，${pick(rng, OUTCOMES)}。`;
    case 1:
      return `据介绍，${place}已建成${randInt(rng, 3, 300)}个${pick(rng, FACILITIES)}，累计服务群众${randInt(rng, 1, 90)}万人次。`;
    case 2:
      return `“${pick(rng, QUOTES)}。”${place}${pick(rng, ROLES)}${pick(rng, PEOPLE)}说。`;
    case 3:
      return `记者从${place}${subject}获悉，当地${verb}${object}，${pick(rng, TECH_TERMS)}等新技术应用场景不断丰富。`;
    case 4:
      return `${place}依托${pick(rng, TECH_TERMS)}技术${verb}${object}，办事效率提升${randInt(rng, 10, 80)}%以上。`;
    case 5:
      return `下一步，${subject}将${verb}${object}，推动各项工作落地见效。`;
    case 6: {
      const metric = pick(rng, METRICS);
      const value = (rng() * 5000 + 10).toFixed(1);
      const growth = (rng() * 12 + 0.5).toFixed(1);
      return `数据显示，${story.year - 1}年${place}${metric.name}达到${value}${metric.unit}，同比增长${growth}%。`;
    }
    case 7:
      return `业内人士认为，${object}是推动高质量发展的重要抓手，需要政府、企业和社会各方形成合力。`;
    default:
      return `在${place}，${subject}围绕${object}开展专题调研${randInt(rng, 2, 30)}次，收集意见建议${randInt(rng, 20, 500)}条。`;
  }
}

function makeList(story: Story): string {
  const { rng } = story;
  const items = pickDistinct(rng, story.objects, randInt(rng, 3, 5));
  return items.map((object) => `- ${pick(rng, VERBS)}${object}`).join('\n');
}

function makeTable(story: Story): string {
  const { rng } = story;
  const rows = pickDistinct(rng, METRICS, randInt(rng, 2, 4)).map((metric) => {
    const before = rng() * 5000 + 10;
    const after = before * (1 + (rng() * 0.15 - 0.03));
    const change = ((after / before - 1) * 100).toFixed(1);
    return `| ${metric.name}（${metric.unit}） | ${before.toFixed(1)} | ${after.toFixed(1)} | ${change}% |`;
  });
  const header = `| 指标 | ${story.year - 2}年 | ${story.year - 1}年 | 同比变化 |`;
  return [header, '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** 300 to 5,000 characters, skewed short: the median is about 1,500, the mean about 1,900. */
function bodyLength(rng: Random): number {
  const u = rng();
  return Math.round(BODY_MIN_CHARS + (BODY_MAX_CHARS - BODY_MIN_CHARS) * u * u);
}

function makeBody(story: Story): string {
  const { rng } = story;
  const targetChars = bodyLength(rng);
  // About 200 characters a paragraph, as in news copy.
  const paragraphCount = Math.max(
    2,
    Math.min(24, Math.round(targetChars / 200) + randInt(rng, -1, 1)),
  );
  const paragraphs: string[] = [];
  let written = 0;
  for (let index = 0; index < paragraphCount; index += 1) {
    // Aim each paragraph at what is left of the budget so the overshoot does not add up.
    const budget = (targetChars - written) / (paragraphCount - index);
    let paragraph = makeSentence(story);
    while (paragraph.length < budget - 20) paragraph += makeSentence(story);
    written += paragraph.length;
    paragraphs.push(paragraph);
  }

  const blocks = [...paragraphs];
  if (rng() < 0.3) {
    blocks.splice(randInt(rng, 1, paragraphCount - 1), 0, `## ${pick(rng, HEADINGS)}`);
  }
  const extra = rng();
  if (extra < 0.08) {
    blocks.splice(randInt(rng, 1, blocks.length - 1), 0, '主要举措包括：', makeList(story));
  } else if (extra < 0.13) {
    blocks.splice(randInt(rng, 1, blocks.length - 1), 0, '相关数据如下表所示：', makeTable(story));
  }
  return blocks.join('\n\n');
}

function yamlString(value: string): string {
  // JSON string literals are valid YAML double-quoted scalars, so no YAML-specific escaping is needed.
  return JSON.stringify(value);
}

function yamlList(values: readonly string[]): string {
  return `[${values.map(yamlString).join(', ')}]`;
}

/**
 * Picks from a list ranked by popularity with Zipf weights (1/rank^s): the first items are
 * picked very often, the tail rarely. Built once per list, then O(log n) a pick.
 */
function zipf<T>(items: readonly T[], exponent: number): (rng: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, rank) => {
    total += 1 / (rank + 1) ** exponent;
    cumulative.push(total);
  });
  return (rng) => {
    const target = rng() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    const item = items[low];
    if (item === undefined) throw new Error('zipf() called with an empty list');
    return item;
  };
}

/**
 * The archive's time span: count / ARTICLES_PER_DAY days back from the end, at least a year.
 * Output grows over the years (the last day of the span publishes twice as much as the first),
 * and articles appear between 06:00 and 23:59 Shanghai time, most of them by day.
 */
function publicationTime(rng: Random, spanDays: number): number {
  // Density rising linearly from 1 to 2 across the span (inverse transform sampling of
  // f(x) = (1 + x) / 1.5 on [0, 1]).
  const position = Math.sqrt(1 + 3 * rng()) - 1;
  const day = Math.min(spanDays - 1, Math.floor(position * spanDays));
  const hour = Math.min(23, 6 + Math.floor(18 * rng() ** 1.3));
  const minute = randInt(rng, 0, 59);
  const startOfDay = RANGE_END_MS - (spanDays - day) * DAY_MS;
  return startOfDay + hour * 3600_000 + minute * 60_000;
}

function planArticles(rng: Random, count: number, categories: readonly string[]): ArticlePlan[] {
  const plans: ArticlePlan[] = [];
  const spanDays = Math.max(MIN_SPAN_DAYS, Math.ceil(count / ARTICLES_PER_DAY));
  // Sections of very different sizes: the busiest gets several times the quietest.
  const pickCategory = zipf(categories, 0.8);
  for (let index = 0; index < count; index += 1) {
    const date = formatShanghaiDate(publicationTime(rng, spanDays));
    plans.push({
      slug: `synthetic-${pad(index + 1, 6)}-${pick(rng, SLUG_WORDS)}`,
      dir: `${date.year}/${date.month}`,
      date: date.iso,
      category: pickCategory(rng),
      draft: rng() < 0.01,
    });
  }
  return plans;
}

const TAG_SUFFIXES = words(`
  地铁 机场 高铁 马拉松 灯会 庙会 车展 书展 博览会 音乐节 美食节 旅游节 亚运会 运动会
  人才政策 医保 学区 老旧小区 菜市场 夜市 公园 湿地 河长制 垃圾分类 停车难 早高峰
  房价 暴雨 台风 高温 疫苗 招聘会 春节 中秋 国庆 双十一 开学季 毕业季 非遗 古镇
`);

/**
 * Every tag the corpus can use, most common first: the fixed list, then place-and-topic tags
 * (成都地铁, 杭州亚运会…) and yearly events, as many as a newsroom of this size accumulates
 * (about one new tag for every 25 articles, at least 300).
 */
function tagVocabulary(rng: Random, count: number): string[] {
  const objects = [...new Set([...GENERIC_OBJECTS, ...Object.values(TOPIC_OBJECTS).flat()])];
  const tail: string[] = [];
  for (const place of PLACES) for (const suffix of TAG_SUFFIXES) tail.push(`${place}${suffix}`);
  for (const place of PLACES) for (const object of objects) tail.push(`${place}${object}`);
  for (let year = 2015; year <= 2025; year += 1)
    for (const suffix of TAG_SUFFIXES) tail.push(`${year}${suffix}`);
  // A fixed shuffle, so that the popular tail tags are not all one city's.
  for (let index = tail.length - 1; index > 0; index -= 1) {
    const other = Math.floor(rng() * (index + 1));
    [tail[index], tail[other]] = [tail[other] as string, tail[index] as string];
  }
  const size = Math.max(300, Math.round(count / 25)) - TAGS.length;
  return [...TAGS, ...tail.slice(0, size)];
}

function pickRelated(rng: Random, plans: readonly ArticlePlan[], self: number): string[] {
  // Drafts are left out because they are not published, so a link to one would dangle.
  const wanted = randInt(rng, 1, 3);
  const chosen = new Set<number>();
  for (let attempt = 0; attempt < 20 && chosen.size < wanted; attempt += 1) {
    const candidate = Math.floor(rng() * plans.length);
    if (candidate !== self && plans[candidate]?.draft === false) chosen.add(candidate);
  }
  return [...chosen].map((index) => plans[index]?.slug ?? '').filter(Boolean);
}

function renderArticle(
  rng: Random,
  plan: ArticlePlan,
  plans: readonly ArticlePlan[],
  index: number,
  pickTag: (rng: Random) => string,
  cover?: string,
): string {
  const story = makeStory(rng, plan);
  const lines = [
    '---',
    `title: ${yamlString(makeTitle(story))}`,
    `date: ${plan.date}`,
    `category: ${plan.category}`,
    `source: ${yamlString(pick(rng, SOURCES))}`,
    `editor: ${yamlString(pick(rng, PEOPLE))}`,
  ];
  const authorCount = randInt(rng, 0, 2);
  if (authorCount > 0) lines.push(`authors: ${yamlList(pickDistinct(rng, PEOPLE, authorCount))}`);
  const tags: string[] = [];
  const wanted = randInt(rng, 1, 4);
  for (let attempt = 0; attempt < 12 && tags.length < wanted; attempt += 1) {
    const tag = pickTag(rng);
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (TAGS.includes(story.place) && !tags.includes(story.place) && tags.length < 4) {
    tags.push(story.place);
  }
  lines.push(`tags: ${yamlList(tags)}`);
  if (rng() < 0.05) lines.push(`summary: ${yamlString(makeSentence(story))}`);
  if (rng() < 0.1) lines.push('featured: true');
  if (plan.draft) lines.push('draft: true');
  // A few articles were corrected later (更新).
  if (rng() < 0.03) {
    const published = Date.parse(plan.date);
    const corrected = Math.min(RANGE_END_MS - 60_000, published + randInt(rng, 1, 72) * 3600_000);
    if (corrected > published) lines.push(`updated: ${formatShanghaiDate(corrected).iso}`);
  }
  if (rng() < 0.2) {
    const related = pickRelated(rng, plans, index);
    if (related.length > 0) lines.push(`related: ${yamlList(related)}`);
  }
  if (cover) {
    lines.push(
      `cover: /images/2024/01/${cover}.jpg`,
      `coverAlt: ${yamlString(`${story.place}示意图`)}`,
    );
  }
  lines.push('---', '', makeBody(story), '');
  return lines.join('\n');
}

function generate(options: Options): void {
  assertSafeOutput(options.out);
  rmSync(options.out, { recursive: true, force: true });
  mkdirSync(options.out, { recursive: true });

  const categoriesOut = path.join(options.out, 'categories');
  cpSync(path.join(REPO_CONTENT_DIR, 'categories'), categoriesOut, { recursive: true });
  const categories = selectableCategories(listCategoryPaths(categoriesOut));
  if (categories.length === 0) throw new Error('No categories found in content/categories');

  const rng = mulberry32(options.seed);
  // A stream of its own: with or without covers, every other byte stays the same.
  const coverRng = mulberry32(options.seed ^ 0x5bd1e995);
  const plans = planArticles(rng, options.count, categories);
  // The most common tag is on about one article in seven, as 民生 or 两会 would be.
  const pickTag = zipf(tagVocabulary(rng, options.count), 0.85);
  cpSync(path.join(REPO_CONTENT_DIR, 'pages'), path.join(options.out, 'pages'), {
    recursive: true,
  });
  const createdDirs = new Set<string>();
  plans.forEach(function writeArticle(plan, index) {
    const dir = path.join(options.out, 'articles', plan.dir);
    if (!createdDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      createdDirs.add(dir);
    }
    const cover = coverRng() * 100 < options.covers ? pick(coverRng, COVERS) : undefined;
    writeFileSync(
      path.join(dir, `${plan.slug}.md`),
      renderArticle(rng, plan, plans, index, pickTag, cover),
    );
  });
}

function main(): void {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  generate(options);
  const elapsed = Math.round(performance.now() - started);
  console.log(`Generated ${options.count} articles in ${options.out} (${elapsed} ms)`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
