// Pure: validates the environment once, with errors that say what to fix.
export type Env = {
  siteUrl: string;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const raw = source.SITE_URL?.trim() || 'http://localhost:3000';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `SITE_URL 无效 / invalid SITE_URL: "${raw}" (expected e.g. https://news.example.com)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`SITE_URL must be http(s), got "${raw}"`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`SITE_URL must be an origin without path, query or hash, got "${raw}"`);
  }
  return { siteUrl: url.origin };
}

export const env = parseEnv(process.env);
