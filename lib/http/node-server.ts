import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { BlockList } from 'node:net';
import { logger } from '@/lib/observability/log.mjs';
import { recordRequest } from '@/lib/observability/metrics.mjs';
import { clientAddress, isTrustedProxy, trustedProxies } from './client-address';
import { pageScriptResponse, wantsPageScript } from './page-script-response';
import { checkRequest } from './request-guard';
import { enableStoredFiles, storedFileResponse, wantsStoredFile } from './stored-file-response';
import { loggedPath, routeKind } from './route-kind';

// Route handlers and proxy.ts only see a Request built from the headers: neither has the socket,
// and `next start` fills X-Forwarded-For in only when the client did not send one. Node's HTTP
// server announces every request on a diagnostics channel, with the socket, before any listener
// runs: that is where the client address is decided and where bad requests are turned away, and,
// since it sees every request and its response, where each is counted and logged.

const CLIENT_HEADER = 'x-news-client';
// The header carries a secret of this process, so a client cannot send a stamp of its own (a
// request that arrived before the hook was installed, during start-up, has no valid stamp).
const STAMP = Symbol.for('news.clientStamp');
const globals = globalThis as typeof globalThis & { [STAMP]?: string };

type RequestStart = {
  request: IncomingMessage;
  response: ServerResponse;
  socket: Socket;
  server: Server;
};
type Listener = (request: IncomingMessage, response: ServerResponse) => void;

function guard(server: Server) {
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = checkRequest(request.method ?? 'GET', request.url ?? '/', request.headers);
    if (!refusal) {
      if (wantsPageScript(request)) pageScriptResponse(request, response);
      for (const listener of listeners) listener.call(server, request, response);
      return;
    }
    response.writeHead(refusal.status, refusal.headers);
    response.end(request.method === 'HEAD' ? undefined : refusal.body);
  });
}

/**
 * Marks a server of this process that is not the site (the metrics port): its requests are
 * neither guarded, counted nor logged.
 */
const INTERNAL = Symbol.for('news.internal-server');
export function markInternalServer(server: Server): void {
  Object.defineProperty(server, INTERNAL, { value: true });
}

/** A request id from the proxy in front (nginx's $request_id), when it is trusted and sane. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Longer paths are cut in the log: a line stays short whatever a client sends. */
const LOGGED_PATH = 120;

/**
 * The request's id in the log: the one our proxy sent (X-Request-Id, so that its log and ours
 * name the same request), when proxies are trusted and the request came from one; else new.
 */
function requestId(
  request: IncomingMessage,
  socket: Socket,
  trusted: BlockList | undefined,
): string {
  const header = request.headers['x-request-id'];
  return trusted !== undefined &&
    typeof header === 'string' &&
    REQUEST_ID.test(header) &&
    isTrustedProxy(socket.remoteAddress ?? '', trusted)
    ? header
    : randomUUID();
}

/**
 * When the response is over (sent, or cut short by the client): one JSON log line and the
 * request metrics, by route kind. The path is logged without its query (search terms are the
 * readers' own) and cut at LOGGED_PATH characters.
 */
function observe(request: IncomingMessage, response: ServerResponse, id: string) {
  const started = performance.now();
  response.once('close', () => {
    const seconds = (performance.now() - started) / 1000;
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const route = routeKind(target);
    const status = response.statusCode;
    const header = response.getHeader('x-nextjs-cache');
    const cache = typeof header === 'string' ? header : undefined;
    recordRequest({ route, method, status, seconds, cache });
    const query = target.indexOf('?');
    const path = loggedPath(query === -1 ? target : target.slice(0, query));
    logger().info(
      {
        reqId: id,
        method: method.slice(0, 16),
        route,
        path: path.length > LOGGED_PATH ? `${path.slice(0, LOGGED_PATH)}…` : path,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        ...(cache ? { cache } : {}),
        ...(response.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  });
}

/**
 * A server that has stopped listening is draining (`next start` on SIGTERM closes it and exits
 * once its last connection ends). Node still answers the requests that come on its kept-alive
 * connections, with keep-alive, so a proxy that keeps reusing them (nginx does, between its
 * other instances) never lets the drain end, and the process is killed mid-request when its stop
 * times out. Every response written from then on says `Connection: close`: each connection ends
 * after the response it carries, and the proxy opens new ones, to instances that listen.
 */
function closeWhenDraining(response: ServerResponse, server: Server) {
  // Every response's head goes through writeHead (Node's implicit header calls it too), so the
  // decision is made when the head is written, for a request that arrived before the close too.
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!server.listening) this.shouldKeepAlive = false;
    return (writeHead as (...args: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
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
  enableStoredFiles();
  subscribe('http.server.request.start', (message) => {
    const { request, response, socket, server } = message as RequestStart;
    if (INTERNAL in server) return;
    closeWhenDraining(response, server);
    observe(request, response, requestId(request, socket, trusted));
    const address = clientAddress(
      socket.remoteAddress,
      request.headers['x-forwarded-for'],
      trusted,
    );
    request.headers[CLIENT_HEADER] = `${token} ${address}`;
    const stored = wantsStoredFile(request);
    if (stored) storedFileResponse(request, response);
    // The channel speaks before the server emits "request": wrapping Next's listener now
    // already covers this very request.
    if (options.guardRequests) {
      if (!guarded.has(server)) {
        guarded.add(server);
        guard(server);
      }
    } else if (!stored && wantsPageScript(request)) {
      // Unguarded (next dev): the page script is added here instead of in guard().
      pageScriptResponse(request, response);
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
