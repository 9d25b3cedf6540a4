// Pure, plain JavaScript: `npm start` checks PORT and HOST with it before `next start` runs (Node
// 20 cannot run TypeScript, and tsx is a devDependency), and lib/env.ts validates them with it
// too. `next start -p 99999` would otherwise die in an unhandled rejection.
import { isIP } from 'node:net';

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * @param {Record<string, string | undefined>} source
 * @returns {{ port: number; host: string }}
 */
export function parseListenAddress(source) {
  const rawPort = source.PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a whole number from 1 to 65535, got "${rawPort}"`);
  }
  const host = source.HOST?.trim() || '127.0.0.1';
  if (!isIP(host) && !HOSTNAME.test(host)) {
    throw new Error(`HOST must be an IP address or a host name such as 0.0.0.0, got "${host}"`);
  }
  return { port, host };
}

/**
 * SITE_URL when it is not set: the address `npm start` listens on and prints
 * (http://127.0.0.1:3000 by default), so that canonical, feed and QR-code URLs name the host the
 * newcomer opened. A wildcard HOST (0.0.0.0, ::) is reached at 127.0.0.1 on this machine; a
 * public site sets SITE_URL.
 * @param {Record<string, string | undefined>} source
 * @returns {string}
 */
export function defaultSiteUrl(source) {
  const { port, host } = parseListenAddress(source);
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${isIP(local) === 6 ? `[${local}]` : local}:${port}`;
}
