import { afterEach, describe, expect, it, vi } from 'vitest';
import { now } from './clock';

describe('now', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });
  it('starts at NEWS_TEST_NOW and runs on in real time', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    vi.stubEnv('NEWS_TEST_NOW', '2024-01-26T07:59:40+08:00');
    expect(now().toISOString()).toBe('2024-01-25T23:59:40.000Z');
    vi.advanceTimersByTime(25_000);
    expect(now().toISOString()).toBe('2024-01-26T00:00:05.000Z');
  });
  it('runs from NEWS_TEST_NOW_AT when it names the instant the clock read NEWS_TEST_NOW', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:01:30Z') });
    vi.stubEnv('NEWS_TEST_NOW', '2024-01-25T12:00:00+08:00');
    vi.stubEnv('NEWS_TEST_NOW_AT', String(Date.parse('2030-01-01T00:00:00Z')));
    const slot = globalThis as typeof globalThis & { [key: symbol]: number | undefined };
    slot[Symbol.for('news.clock-started')] = undefined;
    expect(now().toISOString()).toBe('2024-01-25T04:01:30.000Z');
  });
  it('refuses a NEWS_TEST_NOW_AT that is not a number', () => {
    vi.stubEnv('NEWS_TEST_NOW', '2024-01-25T12:00:00+08:00');
    vi.stubEnv('NEWS_TEST_NOW_AT', 'yesterday');
    const slot = globalThis as typeof globalThis & { [key: symbol]: number | undefined };
    slot[Symbol.for('news.clock-started')] = undefined;
    expect(() => now()).toThrow(/NEWS_TEST_NOW_AT/);
  });
});
