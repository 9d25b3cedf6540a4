// npx tsx scripts/bench/bench-gc.ts [articles] — what a publish's garbage collection costs at
// scale (lib/pipeline/content-version.ts, collectGarbage; docs/adr/027-on-disk-catalog.md): a
// catalog of N generated articles and their body files, then versions that each correct one
// article, each followed by the collection as a publish runs it. Printed per publish: the time of
// the pruning and the body collection, against the whole-folder sweep (what every publish did
// before issue 22's third pass, and what runs once a day now).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-gc-'));
process.env.CONTENT_INDEX_DIR = dir;
const { collectGarbage } = await import('../../lib/pipeline/content-version');
const { catalogBodies } = await import('../../lib/pipeline/catalog-reader');
const { writeCatalogVersion } = await import('../../lib/pipeline/catalog-writer');
const { summary } = await import('../../lib/content/test-fixtures');
const { BODY_DIR, CATALOG_FILE, bodyFile, versionFiles } = await import('../../lib/content/paths');

const hash = (n: number, edit = 0) =>
  `${(n % 256).toString(16).padStart(2, '0')}${String(n).padStart(8, '0')}e${edit}`;
const article = (n: number, edit = 0) =>
  summary({
    slug: `article-${n}`,
    title: `第${n}篇${edit ? '（更正）' : ''}`,
    date: new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString(),
    tags: [`标签${n % 500}`],
    body: hash(n, edit),
  });
const old = (Date.now() - 60 * 60_000) / 1000;
const writeBody = (body: string) => {
  const file = bodyFile(body);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  utimesSync(file, old, old);
};

const started = performance.now();
let articles = Array.from({ length: count }, (_, n) => article(n));
for (const one of articles) writeBody(one.body);
const publish = (id: string) => {
  writeCatalogVersion(CATALOG_FILE, id, { articles, categories: [], pages: [] });
  mkdirSync(versionFiles(id).dir, { recursive: true });
  writeFileSync(versionFiles(id).complete, '{}');
};
publish('v0');
console.log(
  `${count.toLocaleString('en')} articles written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
console.log(
  '| publish | collection (prune, bodies) | freed bodies deleted so far | whole-folder sweep |',
);
console.log('| --- | --- | --- | --- |');
for (let n = 1; n <= 5; n += 1) {
  const corrected = article(n, 1);
  writeBody(corrected.body);
  articles = articles.map((one, at) => (at === n ? corrected : one));
  publish(`v${n}`);
  // The daily sweep stays out of the way (it ran a moment ago), as on all but one publish a day.
  writeFileSync(path.join(BODY_DIR, '.swept'), '');
  let at = performance.now();
  collectGarbage(`v${n}`, `v${n - 1}`);
  const collection = performance.now() - at;
  // The corrected articles' first bodies, freed once the versions that showed them are gone.
  const deleted = Array.from({ length: n }, (_, k) => k + 1).filter(
    (k) => !existsSync(bodyFile(hash(k))),
  ).length;
  // The sweep's reads alone: every kept version's bodies and a listing of the folder.
  at = performance.now();
  const wanted = catalogBodies(CATALOG_FILE, [`v${n}`, `v${n - 1}`]);
  let unnamed = 0;
  for (const shard of readdirSync(BODY_DIR, { withFileTypes: true })) {
    if (!shard.isDirectory()) continue;
    for (const file of readdirSync(path.join(BODY_DIR, shard.name)))
      if (!wanted?.has(file.replace(/\.html$/, ''))) unnamed += 1;
  }
  const sweep = performance.now() - at;
  console.log(
    `| ${n} | ${collection.toFixed(0)} ms | ${deleted} | ${sweep.toFixed(0)} ms (${unnamed} unnamed) |`,
  );
}
rmSync(dir, { recursive: true, force: true });
