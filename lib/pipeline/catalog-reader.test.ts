// Whole versions read back from the catalog: each as it was written (the search engine push
// compares them), and the bodies that the kept versions name (what garbage collection keeps).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summary } from '../content/test-fixtures';
import type { ContentIndex, SitePage } from '../content/types';
import { catalogBodies, readCatalogIndex } from './catalog-reader';
import { pruneCatalog, writeCatalogVersion } from './catalog-writer';

const categories = [{ path: 'shehui', name: '社会', description: '', order: 1 }];
const page = (slug: string, body: string): SitePage => ({
  slug,
  url: `/${slug}`,
  title: slug,
  description: '',
  order: 1,
  body,
});

describe('reading versions from the catalog', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-reader-')), 'catalog.db');
  const a = summary({ slug: 'a', body: 'body-a' });
  const b = summary({ slug: 'b', body: 'body-b1' });
  const c = summary({ slug: 'c', body: 'body-c', draft: true });
  const v1: ContentIndex = { articles: [b, a], categories, pages: [page('about', 'page-1')] };
  // b corrected (a new body), a removed, c added as a draft, the site page edited.
  const b2 = { ...b, title: 'b2', body: 'body-b2' };
  const v2: ContentIndex = { articles: [b2, c], categories: [], pages: [page('about', 'page-2')] };

  it('gives each version whole, drafts included, by slug', () => {
    writeCatalogVersion(file, 'v1', v1);
    writeCatalogVersion(file, 'v2', v2);
    expect(readCatalogIndex(file, 'v1')).toEqual({ ...v1, articles: [a, b] });
    expect(readCatalogIndex(file, 'v2')).toEqual(v2);
    expect(readCatalogIndex(file, 'v3')).toBeUndefined();
  });

  it("names the kept versions' bodies, site pages' too, and none when one is unknown", () => {
    expect(catalogBodies(file, ['v2'])).toEqual(new Set(['page-2', 'body-b2', 'body-c']));
    expect(catalogBodies(file, ['v1', 'v2'])).toEqual(
      new Set(['page-1', 'page-2', 'body-a', 'body-b1', 'body-b2', 'body-c']),
    );
    expect(catalogBodies(file, ['v2', 'gone'])).toBeUndefined();
    pruneCatalog(file, new Set(['v2']));
    expect(catalogBodies(file, ['v2'])).toEqual(new Set(['page-2', 'body-b2', 'body-c']));
    expect(catalogBodies(file, ['v1'])).toBeUndefined();
  });
});
