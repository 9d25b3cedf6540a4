// The two ways of telling search engines that URLs changed (docs/adr/023): IndexNow (Bing, Yandex,
// Naver, Seznam… through one endpoint; www.indexnow.org/documentation) and Baidu's link submission
// (百度搜索资源平台 → 普通收录 → API提交). Each batch is one HTTP request, retried with a growing
// pause on what may pass (a network error, 429, 5xx); what cannot pass (a refused key, URLs of
// another site) is dropped with the engine's answer in the log, so the queue never grows forever.

export type Action = 'updated' | 'removed';
export type Outgoing = { url: string; action: Action };

/** How one answer is read. */
export type Verdict =
  | { kind: 'ok'; detail: string; rejected?: string[]; remain?: number; accepted?: number }
  | { kind: 'retry'; detail: string; retryAfterMs?: number }
  | { kind: 'quota'; detail: string }
  | { kind: 'fail'; detail: string };

export type Engine = {
  name: 'indexnow' | 'baidu';
  /** URLs one request may carry. */
  maxBatch: number;
  /** Whether the two actions travel in the same request. */
  mixesActions: boolean;
  request(batch: Outgoing[]): { url: string; init: RequestInit };
  read(status: number, body: string, headers: Headers): Verdict;
};

/** Seconds of a Retry-After header (its date form too), in ms. */
function retryAfter(headers: Headers): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const short = (body: string) => body.replace(/\s+/g, ' ').trim().slice(0, 200);

/** What may pass on a later attempt: the engine overloaded, or down. */
const retryable = (status: number) => status === 429 || status >= 500;

/** IndexNow: a JSON POST of at most 10,000 URLs of one host, with the key and where it is served. */
export function indexNowEngine(config: { key: string; endpoint: string }, siteUrl: string): Engine {
  const host = new URL(siteUrl).host;
  const keyLocation = `${siteUrl}/${config.key}.txt`;
  return {
    name: 'indexnow',
    maxBatch: 10_000,
    // A removed URL is announced like a changed one: the engine fetches it and finds the 404.
    mixesActions: true,
    request: (batch) => ({
      url: config.endpoint,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          host,
          key: config.key,
          keyLocation,
          urlList: batch.map((item) => item.url),
        }),
      },
    }),
    read(status, body, headers) {
      if (status === 200 || status === 202) return { kind: 'ok', detail: String(status) };
      const detail = `${status}${body.trim() ? ` ${short(body)}` : ''}`;
      if (retryable(status)) {
        const wait = retryAfter(headers);
        return { kind: 'retry', detail, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
      }
      // 400 bad request, 403 key not valid, 422 URLs not of this host: sending again won't help.
      return { kind: 'fail', detail };
    },
  };
}

/** Baidu names an https site with its scheme, an http one by its host alone. */
export function baiduSite(siteUrl: string): string {
  const url = new URL(siteUrl);
  return url.protocol === 'https:' ? url.origin : url.host;
}

/**
 * Baidu: text/plain, one URL a line, at most 2,000 a request, to /urls (new and changed) or /del
 * (removed). The answer says how many of today's quota remain (`remain`) and which URLs it refused.
 */
export function baiduEngine(config: { token: string; endpoint: string }, siteUrl: string): Engine {
  const query = `site=${encodeURIComponent(baiduSite(siteUrl))}&token=${encodeURIComponent(config.token)}`;
  return {
    name: 'baidu',
    maxBatch: 2000,
    mixesActions: false,
    request: (batch) => ({
      url: `${config.endpoint}/${batch[0]?.action === 'removed' ? 'del' : 'urls'}?${query}`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: batch.map((item) => item.url).join('\n'),
      },
    }),
    read(status, body, headers) {
      let answer: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(body);
        if (parsed && typeof parsed === 'object') answer = parsed as Record<string, unknown>;
      } catch {
        // Not JSON: a proxy's error page; the status decides.
      }
      const message = typeof answer.message === 'string' ? answer.message : short(body);
      const detail = `${status}${message ? ` ${message}` : ''}`;
      if (status === 200) {
        const remain = typeof answer.remain === 'number' ? answer.remain : undefined;
        const accepted = typeof answer.success === 'number' ? answer.success : undefined;
        const rejected = ['not_same_site', 'not_valid']
          .flatMap((field) => (Array.isArray(answer[field]) ? (answer[field] as unknown[]) : []))
          .filter((url): url is string => typeof url === 'string');
        return {
          kind: 'ok',
          detail: `200 success ${String(answer.success ?? '?')}${remain === undefined ? '' : `, remain ${remain}`}`,
          ...(remain === undefined ? {} : { remain }),
          ...(accepted === undefined ? {} : { accepted }),
          ...(rejected.length ? { rejected } : {}),
        };
      }
      if (/over quota/i.test(message)) return { kind: 'quota', detail };
      if (retryable(status)) {
        const wait = retryAfter(headers);
        return { kind: 'retry', detail, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
      }
      // 400 site error or empty content, 401 token not valid, 404: the configuration is wrong.
      return { kind: 'fail', detail };
    },
  };
}

/** Batches of at most `maxBatch` URLs, one action each unless the engine mixes them. */
export function batches(engine: Engine, items: Outgoing[], limit = engine.maxBatch): Outgoing[][] {
  const size = Math.max(1, Math.min(limit, engine.maxBatch));
  const groups = engine.mixesActions
    ? [items]
    : (['updated', 'removed'] as const).map((action) =>
        items.filter((item) => item.action === action),
      );
  const result: Outgoing[][] = [];
  for (const group of groups) {
    for (let from = 0; from < group.length; from += size)
      result.push(group.slice(from, from + size));
  }
  return result;
}

export type RetryPolicy = {
  /** Pauses before the second, third … attempt (ms): 1 s, 2 s, 4 s, 8 s by default. */
  delays: number[];
  /** The longest Retry-After obeyed within one run; longer ones leave the batch for later. */
  maxRetryAfterMs: number;
  /** Per request. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
};

export const DEFAULT_RETRY: RetryPolicy = {
  delays: [1000, 2000, 4000, 8000],
  maxRetryAfterMs: 60_000,
  timeoutMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type SendResult = { verdict: Verdict; attempts: number; ms: number };

/**
 * Sends one batch, again after each pause of the policy while the answer (or the network) says
 * it may pass later. `onRetry` hears of each failed attempt that will be tried again.
 */
export async function sendBatch(
  engine: Engine,
  batch: Outgoing[],
  policy: RetryPolicy = DEFAULT_RETRY,
  onRetry?: (detail: string, attempt: number, waitMs: number) => void,
): Promise<SendResult> {
  const started = performance.now();
  const { url, init } = engine.request(batch);
  for (let attempt = 1; ; attempt += 1) {
    let verdict: Verdict;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
      verdict = engine.read(response.status, await response.text(), response.headers);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      verdict = { kind: 'retry', detail: cause ?? (error as Error).name ?? 'network error' };
    }
    const pause = policy.delays[attempt - 1];
    const wait =
      verdict.kind === 'retry' && pause !== undefined
        ? Math.max(pause, verdict.retryAfterMs ?? 0)
        : undefined;
    if (wait === undefined || wait > policy.maxRetryAfterMs) {
      return { verdict, attempts: attempt, ms: Math.round(performance.now() - started) };
    }
    onRetry?.(verdict.detail, attempt, wait);
    await policy.sleep(wait);
  }
}
