import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '@/lib/env';
import { clientAddress, isTrustedProxy, trustedProxies } from './client-address';

const loopback = trustedProxies(parseTrustProxy('1'));
const proxies = trustedProxies(parseTrustProxy('10.0.0.0/24, 127.0.0.1, 192.168.1.4, ::1'));

describe('clientAddress', () => {
  it('believes only the socket without TRUST_PROXY, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.7', '6.6.6.6', undefined)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '6.6.6.6, 7.7.7.7', undefined)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', undefined, undefined)).toBe('127.0.0.1');
    expect(clientAddress(undefined, '6.6.6.6', undefined)).toBe('unknown');
  });

  it('takes the right-most untrusted hop behind trusted proxies', () => {
    // The client forged 6.6.6.6; the proxy (10.0.0.2) appended the address it saw.
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.7, 10.0.0.5', proxies)).toBe(
      '203.0.113.7',
    );
    expect(clientAddress('::1', ['6.6.6.6', '[2001:db8::1]:443'], proxies)).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.2', '203.0.113.7:52311', proxies)).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from a client that is not a proxy, even with TRUST_PROXY', () => {
    expect(clientAddress('198.51.100.9', '6.6.6.6', proxies)).toBe('198.51.100.9');
  });

  it('falls back to the left-most hop when every hop is a proxy', () => {
    expect(clientAddress('10.0.0.2', '192.168.1.4, 10.0.0.3', proxies)).toBe('192.168.1.4');
    expect(clientAddress('10.0.0.2', undefined, proxies)).toBe('10.0.0.2');
  });

  it('treats garbage in the chain as an untrusted hop', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, not-an-ip', proxies)).toBe('not-an-ip');
  });
});

describe('isTrustedProxy', () => {
  it.each(['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1'])(
    'TRUST_PROXY=1 trusts %s',
    (address) =>
      expect(isTrustedProxy(address, loopback as NonNullable<typeof loopback>)).toBe(true),
  );
  // Another host of the same private network is not our proxy: it could write any reader.
  it.each([
    '10.1.2.3',
    '172.31.0.1',
    '192.168.0.1',
    'fd00::1',
    'fe80::1',
    '203.0.113.7',
    'unknown',
    '',
  ])('TRUST_PROXY=1 does not trust %s', (address) =>
    expect(isTrustedProxy(address, loopback as NonNullable<typeof loopback>)).toBe(false),
  );
  it('trusts exactly the listed addresses and ranges', () => {
    const list = proxies as NonNullable<typeof proxies>;
    expect(isTrustedProxy('10.0.0.200', list)).toBe(true);
    expect(isTrustedProxy('10.0.1.1', list)).toBe(false);
    expect(isTrustedProxy('192.168.1.4', list)).toBe(true);
    expect(isTrustedProxy('192.168.1.5', list)).toBe(false);
    // A neighbour in the cloud network cannot name a reader of its choosing.
    expect(clientAddress('10.0.9.9', '6.6.6.6', proxies)).toBe('10.0.9.9');
  });
});

describe('parseTrustProxy', () => {
  it('reads off, loopback and lists of addresses and CIDR ranges', () => {
    expect(parseTrustProxy(undefined)).toEqual([]);
    expect(parseTrustProxy('0')).toEqual([]);
    expect(parseTrustProxy('1')).toEqual(['127.0.0.0/8', '::1/128']);
    expect(parseTrustProxy(' 10.0.0.5, 10.0.1.0/24 fd00::/8 ')).toEqual([
      '10.0.0.5/32',
      '10.0.1.0/24',
      'fd00::/8',
    ]);
  });
  it.each(['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/2', '::1/129'])('refuses %s', (value) =>
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/),
  );
});
