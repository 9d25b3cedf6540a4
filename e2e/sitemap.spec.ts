import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startOwnServer } from './own-server';
import { OWN_PORTS } from './ports';

const schemas = fileURLToPath(new URL('./schemas', import.meta.url));

function validate(xml: string, schema: 'sitemap-with-news.xsd' | 'siteindex.xsd') {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sitemap-')), 'doc.xml');
  writeFileSync(file, xml);
  // Throws, with xmllint's message, when the document does not validate.
  execFileSync('xmllint', ['--noout', '--schema', path.join(schemas, schema), file], {
    stdio: 'pipe',
  });
}

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
}

test('sitemap index lists every published article, category and tag page, and no draft', async ({
  request,
}) => {
  // Every URL is requested, in both editions (docs/adr/021): many first renders on a busy machine.
  test.setTimeout(120_000);
  const index = await request.get('/sitemap.xml');
  expect(index.status()).toBe(200);
  const indexXml = await index.text();
  validate(indexXml, 'siteindex.xsd');
  const urls: string[] = [];
  for (const loc of locs(indexXml)) {
    const child = await request.get(new URL(loc).pathname);
    expect(child.status()).toBe(200);
    const xml = await child.text();
    validate(xml, 'sitemap-with-news.xsd');
    urls.push(...locs(xml));
  }
  // The news sitemap is in the index too, so articles may be listed twice.
  const paths = [...new Set(urls.map((url) => new URL(url).pathname))];
  for (const slug of [
    'chengdu-wuhou-minzu-tuanjie',
    'jinchang-chengxiang-ronghe',
    'zhejiang-linhai-baogong-xunjian',
  ]) {
    expect(paths).toContain(`/articles/${slug}`);
  }
  expect(paths.filter((p) => p.startsWith('/articles/'))).toHaveLength(9);
  expect(paths).toContain('/category/qinggan/gushi');
  expect(paths).toContain('/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93');
  expect(paths.join('\n')).not.toContain('chunyun-shouri-jianwen');
  expect(paths.join('\n')).not.toMatch(/\/page\/\d/);
  // Every listed URL answers 200.
  for (const p of paths) expect((await request.get(p)).status(), p).toBe(200);
});

test('lastmod comes from the article dates, in +08:00', async ({ request }) => {
  const xml = await (await request.get('/sitemaps/0.xml')).text();
  // Every published sample article has been corrected since it was added (issue 23 set their
  // punctuation right), so its lastmod is its last commit (merges change nothing themselves: the
  // content build reads `git log --name-status`, which lists no files for them), in Beijing time.
  const file = 'content/articles/2024/01/jinchang-chengxiang-ronghe.md';
  const committed = execFileSync('git', ['log', '-1', '--no-merges', '--format=%cI', '--', file], {
    encoding: 'utf8',
  }).trim();
  const beijing = new Date(Date.parse(committed) + 8 * 3600_000).toISOString().slice(0, 19);
  expect(xml).toContain(
    `/articles/jinchang-chengxiang-ronghe</loc><lastmod>${beijing}+08:00</lastmod>`,
  );
});

test('robots.txt points to the sitemap', async ({ request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Sitemap: https?:\/\/[^\s]+\/sitemap\.xml$/m);
});

test('every sitemap is sent with exactly one content type', async ({ request }) => {
  const index = await (await request.get('/sitemap.xml')).text();
  for (const path of ['/sitemap.xml', ...locs(index).map((loc) => new URL(loc).pathname)]) {
    const response = await request.get(path);
    expect(response.headers()['content-type'], path).toBe('application/xml; charset=utf-8');
  }
});

test('a sitemap file is sent as stored: gzipped when asked, and 304 for its ETag', async ({
  request,
}) => {
  const plain = await request.get('/sitemaps/0.xml', {
    headers: { 'accept-encoding': 'identity' },
  });
  expect(plain.status()).toBe(200);
  expect(plain.headers()['content-encoding']).toBeUndefined();
  const tag = plain.headers()['etag'] as string;
  expect(tag).toMatch(/^"0-[0-9a-f]+"$/);
  const body = await plain.text();
  expect(plain.headers()['content-length']).toBe(String(Buffer.byteLength(body)));

  const zipped = await request.get('/sitemaps/0.xml', { headers: { 'accept-encoding': 'gzip' } });
  expect(zipped.headers()['content-encoding']).toBe('gzip');
  expect(zipped.headers()['vary']).toMatch(/accept-encoding/i);
  // Its own tag (other bytes), the same XML once unzipped.
  expect(zipped.headers()['etag']).toBe(tag.replace(/"$/, '-gz"'));
  expect(await zipped.text()).toBe(body);

  const again = await request.get('/sitemaps/0.xml', {
    headers: { 'accept-encoding': 'identity' },
  });
  expect(again.headers()['etag']).toBe(tag);
  expect(await again.text()).toBe(body);

  // A crawler that has it already gets a 304 without the file, for either tag.
  for (const known of [tag, zipped.headers()['etag'] as string, `W/${tag}`]) {
    const unchanged = await request.get('/sitemaps/0.xml', { headers: { 'if-none-match': known } });
    expect(unchanged.status(), known).toBe(304);
    expect(await unchanged.text()).toBe('');
  }
  const other = await request.get('/sitemaps/0.xml', { headers: { 'if-none-match': '"0-0"' } });
  expect(other.status()).toBe(200);
});

test('past SITEMAP_SIZE URLs the sitemap splits into files listed by the index', async ({
  request,
}) => {
  test.setTimeout(120_000);
  // The suite's server has one file; a server of its own splits every 5 URLs.
  const whole = locs(await (await request.get('/sitemaps/0.xml')).text());
  const { base, stop } = await startOwnServer(OWN_PORTS.sitemapSplit, { SITEMAP_SIZE: '5' });
  try {
    const index = await (await request.get(`${base}/sitemap.xml`)).text();
    validate(index, 'siteindex.xsd');
    const files = locs(index)
      .map((loc) => new URL(loc).pathname)
      .filter((p) => p.startsWith('/sitemaps/'));
    expect(files).toEqual(files.map((_, n) => `/sitemaps/${n}.xml`));
    expect(files.length).toBe(Math.ceil(whole.length / 5));
    const split: string[] = [];
    for (const file of files) {
      const xml = await (await request.get(`${base}${file}`)).text();
      validate(xml, 'sitemap-with-news.xsd');
      expect(locs(xml).length).toBeLessThanOrEqual(5);
      split.push(...locs(xml));
      // The index gives each file the newest lastmod in it: a crawler fetches what changed.
      const newest = Math.max(
        ...[...xml.matchAll(/<lastmod>([^<]+)</g)].map((m) => Date.parse(m[1] as string)),
      );
      const listed = new RegExp(`<loc>[^<]*${file}</loc><lastmod>([^<]+)</lastmod>`).exec(index);
      expect(Date.parse(listed?.[1] ?? ''), file).toBe(newest);
    }
    const path = (loc: string) => new URL(loc).pathname;
    expect(split.map(path)).toEqual(whole.map(path));
    expect((await request.get(`${base}/sitemaps/${files.length}.xml`)).status()).toBe(404);
  } finally {
    stop();
  }
});
