import 'server-only';
import type { ServerResponse } from 'node:http';

/**
 * Holds a response's head until `release`: Next flushes the headers before it streams a body,
 * and its compression writes them before the first chunk, where a hook that changes the body
 * (page-script-response.ts, stored-file-response.ts) must still change them.
 */
export function holdHead(response: ServerResponse): {
  /** The status the held head names, if one was written. */
  status: () => number | undefined;
  release: () => void;
} {
  const writeHead = response.writeHead.bind(response);
  let head: Parameters<ServerResponse['writeHead']> | undefined;
  response.flushHeaders = () => undefined;
  response.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => {
    head = args;
    return response;
  }) as ServerResponse['writeHead'];
  return {
    status: () => (typeof head?.[0] === 'number' ? head[0] : undefined),
    release() {
      response.writeHead = writeHead;
      if (head && !response.headersSent) writeHead(...head);
    },
  };
}
