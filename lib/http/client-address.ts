// Pure: which address a request came from, and which X-Forwarded-For entries to believe.
import { BlockList, isIP } from 'node:net';

// "Trusted" means an address that can only be one of our own proxies: loopback, private and
// link-local ranges. A reverse proxy in front of `next start` sits on one of these; a reader on
// the internet never does.
const TRUSTED = new BlockList();
TRUSTED.addSubnet('127.0.0.0', 8, 'ipv4');
TRUSTED.addSubnet('10.0.0.0', 8, 'ipv4');
TRUSTED.addSubnet('172.16.0.0', 12, 'ipv4');
TRUSTED.addSubnet('192.168.0.0', 16, 'ipv4');
TRUSTED.addSubnet('169.254.0.0', 16, 'ipv4');
TRUSTED.addAddress('::1', 'ipv6');
TRUSTED.addSubnet('fc00::', 7, 'ipv6');
TRUSTED.addSubnet('fe80::', 10, 'ipv6');

/** An address as a proxy may write it ("[::1]:80", "1.2.3.4:5", "::ffff:10.0.0.1"), bare. */
function bare(entry: string): string {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

export function isTrustedProxy(address: string): boolean {
  const ip = bare(address);
  const family = isIP(ip);
  return family !== 0 && TRUSTED.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client address. Without a trusted proxy only the socket is believed: any X-Forwarded-For a
 * client sends is its own invention. Behind proxies (TRUST_PROXY), each proxy appends the address
 * it saw, so the chain is read from the right and the first hop that is not one of our proxies is
 * the client; everything left of it was written by the client and is ignored.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string {
  const socket = socketAddress ? bare(socketAddress) : 'unknown';
  if (!trustProxy) return socket;
  const hops = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(','))
    .map(bare)
    .filter(Boolean);
  hops.push(socket);
  for (let i = hops.length - 1; i > 0; i -= 1) {
    const hop = hops[i] as string;
    if (!isTrustedProxy(hop)) return hop;
  }
  return hops[0] as string;
}
