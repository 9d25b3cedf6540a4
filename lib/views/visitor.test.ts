import { describe, expect, it } from 'vitest';
import { addressNetwork, isBot, isCrossSite, visitorId } from './visitor';

describe('isBot', () => {
  it.each([
    'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
    'Mozilla/5.0 (compatible; 360Spider)',
    'Mozilla/5.0 (compatible; YisouSpider; +http://yisou.com)',
    'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
    'curl/8.0.1',
    'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse',
    'python-requests/2.31.0',
    'Mozilla/5',
    '',
  ])('detects %s', (ua) => expect(isBot(ua)).toBe(true));

  it('lets readers through', () => {
    expect(
      isBot(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe(false);
    expect(
      isBot(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 MicroMessenger/8.0',
      ),
    ).toBe(false);
  });
});

describe('isCrossSite', () => {
  const site = 'https://news.example.com';
  const check = (headers: Record<string, string>) => isCrossSite(new Headers(headers), site);
  it('refuses views from other sites', () => {
    expect(check({ origin: 'https://elsewhere.example' })).toBe(true);
    expect(check({ 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(check({ origin: site, 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(check({ origin: 'null' })).toBe(true);
    expect(check({ origin: 'http://news.example.com' })).toBe(true);
  });
  it('accepts same-origin beacons and same-site ones without Origin', () => {
    expect(check({ origin: site, 'sec-fetch-site': 'same-origin' })).toBe(false);
    expect(check({ 'sec-fetch-site': 'same-site' })).toBe(false);
    expect(check({})).toBe(false);
  });
});

describe('visitorId', () => {
  const at = new Date('2024-01-24T10:00:00Z');
  it('is stable within a day and changes the next day, never containing the IP', () => {
    const a = visitorId('203.0.113.7', 'UA', 's', at);
    expect(visitorId('203.0.113.7', 'UA', 's', new Date('2024-01-24T23:59:00Z'))).toBe(a);
    expect(visitorId('203.0.113.7', 'UA', 's', new Date('2024-01-25T00:00:00Z'))).not.toBe(a);
    expect(visitorId('203.0.113.7', 'UA2', 's', at)).not.toBe(a);
    expect(a).not.toContain('203');
  });
});

describe('addressNetwork', () => {
  it('limits an IPv4 address by itself and an IPv6 address by its /64', () => {
    expect(addressNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(addressNetwork('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(addressNetwork('2001:db8:0:1:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressNetwork('::1')).toBe('0:0:0:0::/64');
    expect(addressNetwork('unknown')).toBe('unknown');
  });
});
