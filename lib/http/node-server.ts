import 'server-only';
import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { clientAddress, trustedProxies } from './client-address';
import { lateScriptsResponse, wantsLateScripts } from './late-scripts-response';
import { checkRequest } from './request-guard';

// Route handlers and proxy.ts only see a Request built from the headers: neither has the socket,
// and `next start` fills X-Forwarded-For in only when the client did not send one. Node's HTTP
// server announces every request on a diagnostics channel, with the socket, before any listener
// runs: that is where the client address is decided and where bad requests are turned away.

const CLIENT_HEADER = 'x-news-client';
// The header carries a secret of this process, so a client cannot send a stamp of its own (a
// request that arrived before the hook was installed, during start-up, has no valid stamp).
const STAMP = Symbol.for('news.clientStamp');
const globals = globalThis as typeof globalThis & { [STAMP]?: string };

type RequestStart = { request: IncomingMessage; socket: Socket; server: Server };
type Listener = (request: IncomingMessage, response: ServerResponse) => void;

function guard(server: Server) {
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = checkRequest(request.method ?? 'GET', request.url ?? '/');
    if (!refusal) {
      if (wantsLateScripts(request)) lateScriptsResponse(request, response);
      for (const listener of listeners) listener.call(server, request, response);
      return;
    }
    response.writeHead(refusal.status, refusal.headers);
    response.end(request.method === 'HEAD' ? undefined : refusal.body);
  });
}

/**
 * Installs the hook once per process. With `guardRequests`, refused requests (see
 * request-guard.ts) are answered before Next.js sees them.
 */
export function installServerHook(options: {
  trustProxy: readonly string[];
  guardRequests: boolean;
}) {
  if (globals[STAMP]) return;
  const trusted = trustedProxies(options.trustProxy);
  const token = randomBytes(16).toString('hex');
  globals[STAMP] = token;
  const guarded = new WeakSet<Server>();
  subscribe('http.server.request.start', (message) => {
    const { request, socket, server } = message as RequestStart;
    const address = clientAddress(
      socket.remoteAddress,
      request.headers['x-forwarded-for'],
      trusted,
    );
    request.headers[CLIENT_HEADER] = `${token} ${address}`;
    // The channel speaks before the server emits "request": wrapping Next's listener now
    // already covers this very request.
    if (options.guardRequests && !guarded.has(server)) {
      guarded.add(server);
      guard(server);
    }
  });
}

/** The address the hook stamped on this request; undefined without a valid stamp. */
export function stampedClientAddress(headers: Headers): string | undefined {
  const token = globals[STAMP];
  const value = headers.get(CLIENT_HEADER);
  if (!token || !value?.startsWith(`${token} `)) return undefined;
  return value.slice(token.length + 1);
}
