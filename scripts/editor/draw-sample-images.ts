// Draws the sample content's illustrations on this machine (nothing is downloaded): flat SVG
// scenes rendered to JPEG with sharp. Their captions say they are illustrations.
//
//   npx tsx scripts/editor/draw-sample-images.ts
//
// Writes public/images/2024/01/<name>.jpg. Same script, same pictures.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const OUT = path.join(process.cwd(), 'public', 'images', '2024', '01');

type Scene = {
  sky: [string, string];
  ground: string;
  hills: string[];
  sun?: string;
  extra: string;
};

const hill = (color: string, y: number, amp: number, seed: number, w: number, h: number) => {
  const points: string[] = [];
  for (let x = 0; x <= w; x += w / 8) {
    const dy =
      Math.sin((x / w) * Math.PI * 2 + seed) * amp + Math.cos((x / w) * 5 + seed * 2) * amp * 0.4;
    points.push(`${Math.round(x)},${Math.round(y + dy)}`);
  }
  return `<polygon fill="${color}" points="0,${h} ${points.join(' ')} ${w},${h}"/>`;
};

function svg(scene: Scene, w: number, h: number): string {
  const hills = scene.hills
    .map((c, i) => hill(c, h * (0.5 + i * 0.1), h * 0.06, i * 1.7 + 1, w, h))
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${scene.sky[0]}"/><stop offset="1" stop-color="${scene.sky[1]}"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#s)"/>
${scene.sun ? `<circle cx="${w * 0.78}" cy="${h * 0.22}" r="${h * 0.09}" fill="${scene.sun}"/>` : ''}
${hills}<rect y="${h * 0.78}" width="${w}" height="${h * 0.22}" fill="${scene.ground}"/>
<g transform="scale(${w / 1600} ${h / 900})">${scene.extra}</g></svg>`;
}

const repeat = (n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => f(i)).join('');

// Every scene is drawn on a 1600 × 900 canvas (scaled to the output size).
const tree = (x: number, y: number, s: number) =>
  `<rect x="${x - 12 * s}" y="${y}" width="${24 * s}" height="${180 * s}" fill="#6b4226"/>
   <circle cx="${x}" cy="${y - 20 * s}" r="${130 * s}" fill="#2f7d32"/>
   <circle cx="${x - 90 * s}" cy="${y + 20 * s}" r="${80 * s}" fill="#388e3c"/>
   <circle cx="${x + 90 * s}" cy="${y + 10 * s}" r="${85 * s}" fill="#388e3c"/>
   ${repeat(9, (i) => `<circle cx="${x + Math.cos(i * 1.9) * 110 * s}" cy="${y - 20 * s + Math.sin(i * 1.9) * 80 * s}" r="${18 * s}" fill="#d32f2f"/>`)}`;
const building = (x: number, y: number, w: number, h: number, color: string, windows = '#fff3c4') =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${color}"/>` +
  repeat(Math.floor(h / 60) * Math.floor(w / 50), (i) => {
    const cols = Math.floor(w / 50);
    return `<rect x="${x + 15 + (i % cols) * 50}" y="${y + 20 + Math.floor(i / cols) * 60}" width="22" height="30" fill="${windows}"/>`;
  });
const person = (x: number, y: number, color: string, s = 1) =>
  `<circle cx="${x}" cy="${y - 95 * s}" r="${22 * s}" fill="#f1c27d"/><rect x="${x - 24 * s}" y="${y - 70 * s}" width="${48 * s}" height="${70 * s}" rx="${14 * s}" fill="${color}"/>`;

const SCENES: Record<string, Scene> = {
  // 成都武侯：社区里的石榴树
  'chengdu-wuhou-shiliu': {
    sky: ['#9fd3f5', '#e9f6ff'],
    ground: '#c8a77a',
    hills: ['#a5c9a0', '#8dbb86'],
    sun: '#ffd54f',
    extra:
      tree(560, 430, 1.3) +
      building(950, 300, 300, 400, '#d7ccc8') +
      building(1280, 380, 220, 320, '#bcaaa4') +
      person(820, 700, '#c62828') +
      person(900, 700, '#1565c0') +
      person(980, 700, '#f9a825', 0.8),
  },
  'chengdu-wuhou-xuanjiang': {
    sky: ['#fce4ec', '#fff8e1'],
    ground: '#8d6e63',
    hills: ['#e0c3a0'],
    extra:
      `<rect x="300" y="260" width="1000" height="360" fill="#b71c1c"/><rect x="330" y="290" width="940" height="300" fill="#c62828"/>` +
      repeat(12, (i) =>
        person(
          260 + i * 100,
          860,
          ['#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00'][i % 4] as string,
          1.1,
        ),
      ),
  },
  // 法治化营商环境：法院大楼
  'fazhi-yingshang': {
    sky: ['#bbdefb', '#e3f2fd'],
    ground: '#9e9e9e',
    hills: [],
    extra:
      `<polygon points="400,300 800,140 1200,300" fill="#eceff1"/><rect x="420" y="300" width="760" height="40" fill="#cfd8dc"/>` +
      repeat(
        6,
        (i) => `<rect x="${460 + i * 130}" y="340" width="50" height="320" fill="#eceff1"/>`,
      ) +
      `<rect x="380" y="660" width="840" height="40" fill="#cfd8dc"/><circle cx="800" cy="230" r="40" fill="#c62828"/>`,
  },
  // 援藏：高原雪山与医院
  'yuanzang-gaoyuan': {
    sky: ['#1e88e5', '#90caf9'],
    ground: '#a1887f',
    hills: ['#eceff1', '#b0bec5'],
    sun: '#fff59d',
    extra:
      `<polygon points="200,520 520,160 840,520" fill="#f5f5f5"/><polygon points="700,520 1050,120 1400,520" fill="#fafafa"/>` +
      building(560, 500, 480, 210, '#ffffff', '#90caf9') +
      `<rect x="770" y="420" width="60" height="160" fill="#d32f2f"/><rect x="720" y="470" width="160" height="60" fill="#d32f2f"/>`,
  },
  'yuanzang-chafang': {
    sky: ['#e0f7fa', '#ffffff'],
    ground: '#cfd8dc',
    hills: [],
    extra:
      `<rect x="520" y="520" width="560" height="120" rx="20" fill="#90a4ae"/><rect x="540" y="480" width="520" height="60" rx="20" fill="#eceff1"/>` +
      person(430, 720, '#ffffff', 1.6) +
      person(1170, 720, '#ffffff', 1.6) +
      person(1320, 720, '#4fc3f7', 1.4),
  },
  // 静乐：现代农业
  'jingle-nongye': {
    sky: ['#fff3e0', '#ffe0b2'],
    ground: '#7cb342',
    hills: ['#aed581', '#9ccc65'],
    sun: '#ffb300',
    extra:
      repeat(9, (i) => `<rect x="0" y="${700 + i * 22}" width="1600" height="8" fill="#558b2f"/>`) +
      `<path d="M300 700 Q 300 520 520 520 L 1100 520 Q 1320 520 1320 700 Z" fill="#e3f2fd" opacity="0.9"/>` +
      repeat(
        8,
        (i) =>
          `<line x1="${380 + i * 120}" y1="530" x2="${380 + i * 120}" y2="700" stroke="#90a4ae" stroke-width="6"/>`,
      ),
  },
  // 延吉：小学社会实践
  'yanji-xiaoxue': {
    sky: ['#b3e5fc', '#e1f5fe'],
    ground: '#81c784',
    hills: ['#c5e1a5'],
    sun: '#ffee58',
    extra:
      building(420, 330, 760, 370, '#ffccbc') +
      `<polygon points="400,330 800,200 1200,330" fill="#e64a19"/><rect x="760" y="560" width="80" height="140" fill="#6d4c41"/>` +
      repeat(6, (i) =>
        person(
          300 + i * 200,
          820,
          ['#e53935', '#1e88e5', '#fdd835', '#43a047'][i % 4] as string,
          i % 2 ? 0.7 : 1.1,
        ),
      ),
  },
  // 有风来：青年与音乐
  'youfenglai-yinyue': {
    sky: ['#311b92', '#7e57c2'],
    ground: '#212121',
    hills: [],
    extra:
      `<rect x="200" y="560" width="1200" height="140" fill="#424242"/>` +
      repeat(
        5,
        (i) =>
          `<polygon points="${300 + i * 250},0 ${240 + i * 250},560 ${360 + i * 250},560" fill="#fff59d" opacity="0.25"/>`,
      ) +
      repeat(
        7,
        (i) =>
          `<g fill="#ffd54f"><ellipse cx="${260 + i * 180}" cy="${260 + (i % 3) * 60}" rx="26" ry="20"/><rect x="${282 + i * 180}" y="${160 + (i % 3) * 60}" width="8" height="100"/></g>`,
      ) +
      repeat(3, (i) => person(600 + i * 200, 560, '#e91e63', 1.3)),
  },
  // 临海：寒潮中的加油站
  'linhai-jiayouzhan': {
    sky: ['#cfd8dc', '#eceff1'],
    ground: '#fafafa',
    hills: ['#e0e0e0'],
    extra:
      `<rect x="300" y="300" width="1000" height="70" fill="#d32f2f"/><rect x="380" y="370" width="30" height="330" fill="#9e9e9e"/><rect x="1190" y="370" width="30" height="330" fill="#9e9e9e"/>` +
      repeat(
        3,
        (i) =>
          `<rect x="${560 + i * 200}" y="520" width="90" height="180" rx="8" fill="#1565c0"/><rect x="${575 + i * 200}" y="545" width="60" height="40" fill="#e3f2fd"/>`,
      ) +
      repeat(
        60,
        (i) =>
          `<circle cx="${(i * 263) % 1600}" cy="${(i * 137) % 700}" r="${4 + (i % 4)}" fill="#ffffff"/>`,
      ) +
      person(1400, 720, '#ef6c00', 1.2),
  },
  // 最美铁路人：新疆的列车
  'tielu-xinjiang': {
    sky: ['#4fc3f7', '#e1f5fe'],
    ground: '#d7b377',
    hills: ['#bcaaa4', '#c8a27a'],
    sun: '#fff176',
    extra:
      `<rect x="0" y="650" width="1600" height="14" fill="#5d4037"/>` +
      repeat(40, (i) => `<rect x="${i * 40}" y="664" width="18" height="16" fill="#6d4c41"/>`) +
      `<rect x="260" y="500" width="300" height="140" rx="40" fill="#eceff1"/>` +
      repeat(
        3,
        (i) =>
          `<rect x="${580 + i * 250}" y="510" width="230" height="130" rx="10" fill="#eceff1"/>`,
      ) +
      `<rect x="260" y="580" width="1060" height="22" fill="#1565c0"/>` +
      repeat(
        10,
        (i) => `<rect x="${600 + i * 70}" y="530" width="40" height="34" fill="#37474f"/>`,
      ),
  },
  // 春节：灯笼
  'chunjie-denglong': {
    sky: ['#b71c1c', '#e53935'],
    ground: '#8e0000',
    hills: [],
    extra: repeat(
      5,
      (i) =>
        `<line x1="${260 + i * 270}" y1="0" x2="${260 + i * 270}" y2="${160 + (i % 2) * 60}" stroke="#ffd54f" stroke-width="6"/><ellipse cx="${260 + i * 270}" cy="${270 + (i % 2) * 60}" rx="110" ry="100" fill="#ff1744"/><rect x="${215 + i * 270}" y="${160 + (i % 2) * 60}" width="90" height="20" fill="#ffd54f"/><rect x="${215 + i * 270}" y="${360 + (i % 2) * 60}" width="90" height="20" fill="#ffd54f"/>`,
    ),
  },
};

/** Covers at 1600 × 900 (16:9); pictures in the body at 1200 × 800. */
const SIZES: Record<string, [number, number]> = {
  'chengdu-wuhou-xuanjiang': [1200, 800],
  'yuanzang-chafang': [1200, 800],
};

mkdirSync(OUT, { recursive: true });
for (const [name, scene] of Object.entries(SCENES)) {
  const [w, h] = SIZES[name] ?? [1600, 900];
  const file = path.join(OUT, `${name}.jpg`);
  await sharp(Buffer.from(svg(scene, w, h)))
    .jpeg({ quality: 80, mozjpeg: true })
    .toFile(file);
  console.log(path.relative(process.cwd(), file));
}
