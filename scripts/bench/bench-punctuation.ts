/**
 * What the punctuation rule (lib/pipeline/punctuation.ts) costs the content check.
 *
 *   npx tsx scripts/bench/bench-punctuation.ts [CONTENT_DIR]   (default: content)
 *
 * CPU time (user + system, so a busy machine's waiting is left out) of the whole check and of
 * the punctuation pass alone, on the corpus as it is and on a copy whose Chinese marks were all
 * turned half-width (every comma, colon and bracket a warning: the worst case), plus --fix;
 * then hostile bodies of about 1 MB, each of which must stay linear (well under a second).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkContent, type SourceFile } from '../../lib/pipeline/check';
import { fixPunctuation, punctuationProblems } from '../../lib/pipeline/punctuation';
import { listSourceFiles } from '../../lib/pipeline/source-files';

const dir = path.resolve(process.argv[2] ?? 'content');
const files: SourceFile[] = listSourceFiles(dir).map((file) => ({
  path: file,
  text: readFileSync(path.join(dir, file), 'utf8'),
}));
const chars = files.reduce((sum, file) => sum + file.text.length, 0);

function cpu<T>(run: () => T): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let round = 0; round < 3; round += 1) {
    const start = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: Math.round(best), result };
}

const HALF: Record<string, string> = { '，': ',', '：': ':', '；': ';', '（': '(', '）': ')' };
const worst = files.map((file) => ({
  path: file.path,
  text: file.text.replace(/[，：；（）]/g, (mark) => HALF[mark]!),
}));

const all = () => checkContent({ files, publicFileExists: () => true });
const whole = cpu(all);
const punct = cpu(() => punctuationProblems(files));
const worstPunct = cpu(() => punctuationProblems(worst));
const worstFix = cpu(() => worst.map((file) => fixPunctuation(file.path, file.text)));

console.log(
  `${files.length.toLocaleString('en')} files, ${(chars / 1e6).toFixed(1)} M characters (${dir})`,
);
console.log(`  checkContent, all rules:         ${whole.ms} ms CPU`);
console.log(
  `  punctuation alone:               ${punct.ms} ms CPU, ${punct.result.length} warnings`,
);
console.log(
  `  punctuation, all marks half-width: ${worstPunct.ms} ms CPU, ${worstPunct.result.length.toLocaleString('en')} warnings`,
);
console.log(
  `  --fix of that:                   ${worstFix.ms} ms CPU, ${worstFix.result.reduce((n, fix) => n + fix.fixed.length, 0).toLocaleString('en')} marks`,
);

const MB = 1 << 20;
const hostile: [string, string][] = [
  ['( x 1M', '('.repeat(MB)],
  ['" x 1M', '"'.repeat(MB)],
  ['<a x 1M/2, no >', '<a'.repeat(MB / 2)],
  ['`` ` alternating', '`` `'.repeat(MB / 4)],
  ['](  x 1M/2', ']('.repeat(MB / 2)],
  ['URL + ) x 1M', `https://a.cn/${')'.repeat(MB)}`],
  ['* then ,', `中${'*'.repeat(MB)},`],
  ['中, x 1M/2', '中,'.repeat(MB / 2)],
  ['a.a.a@ x 1M/2', `${'a.'.repeat(MB / 2)}@`],
  ['10,000 lines of > - 1.', '> - 1. 中,文\n'.repeat(10_000)],
];
for (const [name, body] of hostile) {
  const text = `---\ntitle: 标题\n---\n\n${body}\n`;
  const { ms } = cpu(() => punctuationProblems([{ path: 'articles/x.md', text }]));
  console.log(`  hostile ${name.padEnd(24)} ${ms} ms CPU`);
}
