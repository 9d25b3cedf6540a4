import { describe, expect, it } from 'vitest';
import { errorReport } from './error-report';

describe('errorReport', () => {
  it("gives an operator's error its message alone", () => {
    expect(errorReport(new Error('another content build held the lock for over 600 s'))).toBe(
      'another content build held the lock for over 600 s',
    );
    expect(errorReport('stopped')).toBe('stopped');
  });

  it('gives a bug its stack, naming the function where it happened', () => {
    function hashOfEveryKey(): never {
      throw new RangeError('Maximum call stack size exceeded');
    }
    let caught: unknown;
    try {
      hashOfEveryKey();
    } catch (error) {
      caught = error;
    }
    const report = errorReport(caught);
    expect(report).toMatch(/^RangeError: Maximum call stack size exceeded\n/);
    expect(report).toContain('hashOfEveryKey');
    expect(report).toContain('error-report.test.ts');
  });
});
