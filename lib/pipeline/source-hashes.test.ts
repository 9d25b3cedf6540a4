import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, openBuildCache, type BuildCache } from './build-cache';
import { hashSources, MARGIN_MS } from './source-hashes';

let dir: string;
let root: string;
let cache: BuildCache;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'source-hashes-'));
  root = path.join(dir, 'content');
  mkdirSync(path.join(root, 'articles'), { recursive: true });
  cache = openBuildCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const files = ['articles/a.md', 'articles/b.md'];
const write = (file: string, text: string) => writeFileSync(path.join(root, file), text);
/** A run long enough after the files were written for their stat records to be trusted. */
const later = () => ({ now: Date.now() + MARGIN_MS + 1000 });
const readOnes = (sources: { path: string; read: boolean }[]) =>
  sources.filter((source) => source.read).map((source) => source.path);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('source hashes by stat', () => {
  it('reads a file once, then takes its hash from the stat record while its stat holds', () => {
    write('articles/a.md', 'a');
    write('articles/b.md', 'b');
    const first = hashSources(cache, root, files, later());
    expect(readOnes(first)).toEqual(files);
    expect(first.map((source) => source.hash)).toEqual([contentHash('a'), contentHash('b')]);
    const second = hashSources(cache, root, files, later());
    expect(readOnes(second)).toEqual([]);
    expect(second.map((source) => source.hash)).toEqual([contentHash('a'), contentHash('b')]);
  });

  it('reads a racy file (changed within the margin before the run) again every run', () => {
    write('articles/a.md', 'a');
    write('articles/b.md', 'b');
    // The files were written just now: the same write a moment later could keep their stat.
    expect(readOnes(hashSources(cache, root, files))).toEqual(files);
    expect(readOnes(hashSources(cache, root, files))).toEqual(files);
    // Once they are old enough, their records are kept and trusted.
    expect(readOnes(hashSources(cache, root, files, later()))).toEqual(files);
    expect(readOnes(hashSources(cache, root, files, later()))).toEqual([]);
  });

  it('reads a rewritten file of the same size even when its mtime is set back', async () => {
    write('articles/a.md', 'a');
    write('articles/b.md', 'b');
    hashSources(cache, root, files, later());
    const { atime, mtime } = statSync(path.join(root, 'articles/a.md'));
    // Past the coarse clock's tick, so that the rewrite's ctime differs.
    await sleep(50);
    write('articles/a.md', 'x');
    utimesSync(path.join(root, 'articles/a.md'), atime, mtime);
    const sources = hashSources(cache, root, files, later());
    expect(readOnes(sources)).toEqual(['articles/a.md']);
    expect(sources[0]?.hash).toEqual(contentHash('x'));
  });

  it('gives the bytes it reads to the caller and forgets the records of files that are gone', () => {
    write('articles/a.md', 'a');
    write('articles/b.md', 'b');
    const seen: string[] = [];
    hashSources(cache, root, files, {
      ...later(),
      onRead: (file, bytes, hash) => {
        expect(hash).toEqual(contentHash(readFileSync(path.join(root, file))));
        seen.push(`${file}=${bytes.toString()}`);
      },
    });
    expect(seen).toEqual(['articles/a.md=a', 'articles/b.md=b']);
    rmSync(path.join(root, 'articles/b.md'));
    hashSources(cache, root, ['articles/a.md'], later());
    expect([...cache.statRecords(root).keys()]).toEqual(['articles/a.md']);
  });
});

describe('an archive that moved away', () => {
  it('forgets the stat records of a quarter of a million files that are gone', () => {
    // Every record is left over when the files are gone; as arguments of one push they were
    // past the stack (RangeError).
    const records = Array.from({ length: 250_000 }, (_, n) => ({
      path: `articles/${n}.md`,
      stat: `1:${n}:${n}:${n}`,
      hash: 'h',
    }));
    cache.putStatRecords(root, records, []);
    expect(hashSources(cache, root, [], later())).toEqual([]);
    expect(cache.statRecords(root).size).toBe(0);
  });
});
