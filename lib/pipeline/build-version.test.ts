import { describe, expect, it } from 'vitest';
import { compileCodeFiles } from './build-version';

describe('the compile step’s code version', () => {
  it('hashes what counts an article’s search terms, not how search stores or ranks them', () => {
    // A change to the ranking or the segment format must not recompile every article (ADR 035).
    const files = compileCodeFiles();
    expect(files).toContain('lib/search/term-counts.ts');
    expect(files).toContain('lib/search/tokenize.ts');
    for (const file of [
      'lib/search/postings.ts',
      'lib/search/sqlite-source.ts',
      'lib/pipeline/search-writer.ts',
      'lib/pipeline/index-writer.ts',
    ])
      expect(files).not.toContain(file);
  });
});
