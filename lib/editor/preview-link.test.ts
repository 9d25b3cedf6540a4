import { describe, expect, it } from 'vitest';
import { verifyPreview } from '../preview/token';
import { articleState, parseHours, previewLink } from './preview-link';

const SECRET = 'k3Jv0b8sYtq2mWcX9rL4nPz7aE1dHf6uQ0gT5iBy';
const AT = new Date('2024-01-25T04:00:00.250Z');

describe('preview-link', () => {
  it('signs a link on the site for 48 hours by default', () => {
    const { url, expiresAt } = previewLink({
      secret: SECRET,
      siteUrl: 'https://news.example.com',
      slug: 'chunyun-shouri-jianwen',
      at: AT,
      hours: parseHours(undefined),
    });
    expect(expiresAt.toISOString()).toBe('2024-01-27T04:00:00.000Z');
    const match = /^https:\/\/news\.example\.com\/preview\/chunyun-shouri-jianwen\/([^/]+)$/.exec(
      url,
    );
    expect(match).not.toBeNull();
    expect(verifyPreview(SECRET, 'chunyun-shouri-jianwen', match?.[1] ?? '', AT)).toEqual(
      expiresAt,
    );
  });

  it('takes --hours from 1 to a month and refuses anything else', () => {
    expect(parseHours('2')).toBe(2);
    expect(parseHours('720')).toBe(720);
    for (const bad of ['0', '721', '1.5', '-3', 'abc', '', '1e2'])
      expect(() => parseHours(bad), bad).toThrow(/--hours/);
    const { expiresAt } = previewLink({
      secret: SECRET,
      siteUrl: 'http://127.0.0.1:3000',
      slug: 'a',
      at: AT,
      hours: 2,
    });
    expect(expiresAt.toISOString()).toBe('2024-01-25T06:00:00.000Z');
  });

  it('escapes a non-ASCII slug in the URL', () => {
    const { url } = previewLink({
      secret: SECRET,
      siteUrl: 'http://127.0.0.1:3000',
      slug: '春运',
      at: AT,
      hours: 1,
    });
    expect(url).toContain(`/preview/${encodeURIComponent('春运')}/`);
  });

  it('says whether the article is a draft, scheduled or already public', () => {
    expect(articleState({ draft: true, date: new Date('2020-01-01') }, AT)).toMatch(/草稿/);
    expect(articleState({ date: new Date('2024-01-26T00:00:00Z') }, AT)).toMatch(/定时发布/);
    expect(articleState({ date: '2024-01-01T08:00:00+08:00' }, AT)).toMatch(/已发布/);
  });
});
