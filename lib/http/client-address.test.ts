import { describe, expect, it } from 'vitest';
import { clientAddress, isTrustedProxy } from './client-address';

describe('clientAddress', () => {
  it('believes only the socket without TRUST_PROXY, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.7', '6.6.6.6', false)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '6.6.6.6, 7.7.7.7', false)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', undefined, false)).toBe('127.0.0.1');
    expect(clientAddress(undefined, '6.6.6.6', false)).toBe('unknown');
  });

  it('takes the right-most untrusted hop behind trusted proxies', () => {
    // The client forged 6.6.6.6; the proxy (10.0.0.2) appended the address it saw.
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', true)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.7, 10.0.0.5', true)).toBe('203.0.113.7');
    expect(clientAddress('::1', ['6.6.6.6', '[2001:db8::1]:443'], true)).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.2', '203.0.113.7:52311', true)).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from a client that is not a proxy, even with TRUST_PROXY', () => {
    expect(clientAddress('198.51.100.9', '6.6.6.6', true)).toBe('198.51.100.9');
  });

  it('falls back to the left-most hop when every hop is a proxy', () => {
    expect(clientAddress('10.0.0.2', '192.168.1.4, 10.0.0.3', true)).toBe('192.168.1.4');
    expect(clientAddress('10.0.0.2', undefined, true)).toBe('10.0.0.2');
  });

  it('treats garbage in the chain as an untrusted hop', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, not-an-ip', true)).toBe('not-an-ip');
  });
});

describe('isTrustedProxy', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.31.0.1', '192.168.0.1', '::1', 'fd00::1', 'fe80::1'])(
    'trusts %s',
    (address) => expect(isTrustedProxy(address)).toBe(true),
  );
  it.each(['203.0.113.7', '172.32.0.1', '8.8.8.8', '2001:db8::1', 'unknown', ''])(
    'does not trust %s',
    (address) => expect(isTrustedProxy(address)).toBe(false),
  );
});
