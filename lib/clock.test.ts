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
});
