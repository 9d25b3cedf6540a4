import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, viewsDbProblem } from './sqlite-store';

describe('viewsDbProblem', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'views-path-'));

  it('accepts a file in a writable directory, existing or not yet created', () => {
    expect(viewsDbProblem(path.join(dir, 'views.db'))).toBeUndefined();
    expect(viewsDbProblem(path.join(dir, 'a', 'b', 'views.db'))).toBeUndefined();
  });

  it('rejects kernel pseudo-filesystems without hanging', () => {
    expect(viewsDbProblem('/proc/views.db')).toMatch(/VIEWS_DB.*pseudo-filesystem/);
    expect(viewsDbProblem('/proc/news/data/views.db')).toMatch(/VIEWS_DB.*pseudo-filesystem/);
    expect(viewsDbProblem('/sys/views.db')).toMatch(/VIEWS_DB/);
    expect(() => openSqliteStore('/proc/news/views.db')).toThrow(/VIEWS_DB/);
  });

  it('rejects a directory or a path through a file', () => {
    expect(viewsDbProblem(dir)).toMatch(/VIEWS_DB.*directory/);
    const file = path.join(dir, 'plain');
    writeFileSync(file, '');
    expect(viewsDbProblem(path.join(file, 'views.db'))).toMatch(/VIEWS_DB.*is a file/);
  });
});
