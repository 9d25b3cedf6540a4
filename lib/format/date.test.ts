import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShortDateTime, toShanghaiIso } from './date';

describe('Chinese dates in Asia/Shanghai', () => {
  it('formats a UTC instant in Shanghai time', () => {
    expect(formatDateTime('2024-01-24T00:00:00.000Z')).toBe('2024年1月24日 08:00');
  });
  it('crosses the date line correctly', () => {
    expect(formatDate('2024-01-23T16:30:00.000Z')).toBe('2024年1月24日');
    expect(formatDateTime('2024-01-23T15:59:00.000Z')).toBe('2024年1月23日 23:59');
  });
  it('writes ISO 8601 with +08:00', () => {
    expect(toShanghaiIso('2024-01-24T00:00:00.000Z')).toBe('2024-01-24T08:00:00+08:00');
  });
  it('writes the summer-time offset of the years China kept it, the same instant', () => {
    expect(toShanghaiIso('1988-07-01T04:00:00Z')).toBe('1988-07-01T13:00:00+09:00');
    expect(toShanghaiIso('1988-01-01T04:00:00Z')).toBe('1988-01-01T12:00:00+08:00');
    // Every few hours from 1940 to 2040: the text names the instant it was made from.
    const from = Date.parse('1940-01-01T00:00:00Z');
    for (let at = from; at < Date.parse('2040-01-01T00:00:00Z'); at += 7 * 3600_000 + 1000) {
      const iso = toShanghaiIso(new Date(at));
      if (Date.parse(iso) !== at) expect(iso, new Date(at).toISOString()).toBe('the same instant');
    }
  });
  it('rejects invalid input', () => {
    expect(() => formatDate('not a date')).toThrow(/Invalid date/);
  });

  it('gives a 滚动 list month, day and time', () => {
    expect(formatShortDateTime('2024-01-23T16:30:00Z')).toBe('1月24日 00:30');
  });
});
