// Pure: which address a request came from, and which X-Forwarded-For entries to believe.
import { BlockList, isIP } from 'node:net';

/**
 * The proxies whose X-Forwarded-For is believed, from TRUST_PROXY as lib/env.ts reads it: exact
 * addresses and CIDR ranges ("10.0.0.5/32", "fd00::/8"). Only these: in a cloud network every
 * neighbour has a private address, and one that is not our proxy could write any reader it likes.
 */
export function trustedProxies(cidrs: readonly string[]): BlockList | undefined {
  if (cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix = ''] = cidr.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** An address as a proxy may write it ("[::1]:80", "1.2.3.4:5", "::ffff:10.0.0.1"), bare. */
function bare(entry: string): string {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

export function isTrustedProxy(address: string, trusted: BlockList): boolean {
  const ip = bare(address);
  const family = isIP(ip);
  return family !== 0 && trusted.check(ip, family === 4 ? 'ipv4' : 'ipv6');
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
  trusted: BlockList | undefined,
): string {
  const socket = socketAddress ? bare(socketAddress) : 'unknown';
  if (!trusted) return socket;
  const hops = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(','))
    .map(bare)
    .filter(Boolean);
  hops.push(socket);
  for (let i = hops.length - 1; i > 0; i -= 1) {
    const hop = hops[i] as string;
    if (!isTrustedProxy(hop, trusted)) return hop;
  }
  return hops[0] as string;
}
