// npm run content:check — validates content/ without a Next build. Exit 1 on any error.
// --fix first rewrites half-width punctuation in Chinese text (lib/pipeline/punctuation.ts) in place.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '../../lib/env';
import { checkContent, formatProblem, type SourceFile } from '../../lib/pipeline/check';
import { readImageCatalog } from '../../lib/pipeline/images';
import { fixPunctuation } from '../../lib/pipeline/punctuation';
import { checkPlaceholders } from '../../lib/pipeline/placeholder-check';
import { siteConfig } from '../../config/site';
import { listSourceFiles } from '../../lib/pipeline/source-files';

const contentDir = path.resolve(env.contentDir);
const publicDir = path.resolve('public');
// --quiet (the build): errors, and only the first few warnings with the command that lists them all.
const quiet = process.argv.includes('--quiet');
const fix = process.argv.includes('--fix');
const QUIET_WARNINGS = 5;

const started = performance.now();
if (!existsSync(contentDir)) {
  console.error(`content directory not found: ${contentDir}`);
  process.exit(1);
}
const sources = listSourceFiles(contentDir);
// A large archive takes a while (about 10 s of CPU per 20,000 files): say what is going on.
if (sources.length >= 1000) {
  console.log(`内容检查 content check: checking ${sources.length.toLocaleString('en')} files…`);
}
const files: SourceFile[] = sources.map((file) => ({
  path: file,
  text: readFileSync(path.join(contentDir, file), 'utf8'),
}));
const root = path.relative(process.cwd(), contentDir) || '.';
if (fix) {
  let marks = 0;
  let changed = 0;
  for (const file of files) {
    const result = fixPunctuation(file.path, file.text);
    if (result.text === file.text) continue;
    for (const { line, column, field, found, replacement } of result.fixed) {
      console.log(
        `已修正 fixed: ${root}/${file.path}:${line}:${column}: ${field}: "${found}" → "${replacement}"`,
      );
    }
    writeFileSync(path.join(contentDir, file.path), result.text);
    file.text = result.text;
    marks += result.fixed.length;
    changed += 1;
  }
  console.log(
    `标点修正 punctuation fix: ${marks} marks in ${changed} file${changed === 1 ? '' : 's'}`,
  );
}
const images = await readImageCatalog(publicDir);
const problems = checkContent({
  files,
  imageInfo: (sitePath) => images.get(sitePath),
  publicFileExists: (sitePath) => {
    const full = path.join(publicDir, sitePath);
    return full.startsWith(publicDir + path.sep) && existsSync(full) && statSync(full).isFile();
  },
});
// 联系我们 while it is still a placeholder (its text, or the example details in config/site.ts).
problems.push(...checkPlaceholders(files, siteConfig.contact));
const errors = problems.filter((problem) => problem.severity === 'error');
const warnings = problems.length - errors.length;
let shown = 0;
for (const problem of problems) {
  if (problem.severity === 'warning' && quiet && (shown += 1) > QUIET_WARNINGS) continue;
  (problem.severity === 'error' ? console.error : console.warn)(formatProblem(problem, root));
}
const ms = Math.round(performance.now() - started);
console.log(
  `内容检查 content check: ${files.length} files, ${errors.length} errors, ${warnings} warnings (${ms} ms)`,
);
if (quiet && warnings > QUIET_WARNINGS) {
  const all = env.contentDir === 'content' ? '' : `CONTENT_DIR=${env.contentDir} `;
  console.log(
    `  ${warnings - QUIET_WARNINGS} more warnings not shown: \`${all}npm run content:check\` lists them all`,
  );
}
process.exit(errors.length > 0 ? 1 : 0);
