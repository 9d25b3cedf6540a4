import { describe, expect, it } from 'vitest';
import { lastModified } from './last-modified';

describe('lastModified', () => {
  it('takes updated over the date, in +08:00', () => {
    expect(
      lastModified({
        date: '2024-01-24T00:00:00Z',
        updated: '2024-02-01T02:00:00Z',
        revisions: [],
      }),
    ).toBe('2024-02-01T10:00:00+08:00');
  });
  it('counts a correction commit newer than updated', () => {
    expect(
      lastModified({
        date: '2024-01-20T00:00:00Z',
        updated: '2024-01-21T00:00:00Z',
        revisions: [{ date: '2024-03-01T12:00:00+08:00' }],
      }),
    ).toBe('2024-03-01T12:00:00+08:00');
  });
  it('ignores an updated date older than the publication date', () => {
    expect(
      lastModified({
        date: '2024-01-20T00:00:00Z',
        updated: '2024-01-01T00:00:00Z',
        revisions: [],
      }),
    ).toBe('2024-01-20T08:00:00+08:00');
  });
});
