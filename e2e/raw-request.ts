// A request exactly as written: Playwright's client normalises paths and refuses some methods.
import { request as httpRequest } from 'node:http';

export const PORT = Number(process.env.E2E_PORT || 3210);

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

export function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  port = PORT,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method, path, headers, timeout: 15_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([key, value]) => [
                key,
                Array.isArray(value) ? value.join(', ') : (value ?? ''),
              ]),
            ),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${method} ${path} timed out`)));
    request.on('error', reject);
    request.end();
  });
}
