// The publisher's search engine push (docs/adr/023-push-changed-urls-to-search-engines.md).
// After a publish, and on every tick of `--watch`, `record` compares what is public now with what
// was public at the last look (the version and the moment it names: the catalog gives the URLs that
// changed between the two, lib/push/catalog-look.ts) and queues the changed URLs for each
// configured engine; `drain` sends the queue in batches. The last look and the queue are one file,
// replaced with a rename: a publisher killed at any point finds on its next start what it had not
// sent yet, and the changes it had not yet looked at, and sends them then. With REDIS_URL, each
// change is claimed once per engine across machines, so that of several machines publishing the
// same commit one pushes it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { PushConfig } from '../env';
import { lockFile, unlockFile } from '../file-lock';
import { log as defaultLog } from '../observability/log.mjs';
import type { PushedVersion, PushLook } from './catalog-look';
import type { UrlChange } from './changes';
import {
  baiduEngine,
  batches,
  DEFAULT_RETRY,
  indexNowEngine,
  sendBatch,
  type Action,
  type Engine,
  type RetryPolicy,
} from './engines';

type EngineName = Engine['name'];

export type QueueItem = {
  engine: EngineName;
  path: string;
  action: Action;
  fingerprint: string;
  /** When it was queued (ms). */
  since: number;
};

type EngineState = {
  /** Failed runs in a row (each after its retries); the next run waits longer. */
  failures: number;
  retryAt: number;
  /** Baidu: the day (Beijing) its quota was last reported, and what remained of it. */
  quotaDay?: string;
  remain?: number;
};

export type PushState = {
  format: 2;
  /** The version of the last look, and its sequence number in the catalog. */
  contentVersion: string;
  contentSeq?: number;
  /** When the last look was (ms, the publisher's clock). */
  takenAt: number;
  /** When the next scheduled article of that version becomes public, or null. */
  nextPublicAt: number | null;
  outbox: QueueItem[];
  engines: Partial<Record<EngineName, EngineState>>;
};

type Logger = Pick<typeof defaultLog, 'info' | 'warn' | 'error'>;

/** Claims changes across machines: resolves with the ones this machine is to push. */
export type Claim = (keys: string[]) => Promise<boolean[]>;

export type PusherOptions = {
  config: PushConfig;
  siteUrl: string;
  stateFile: string;
  /**
   * The live content version, or undefined before the first content build; `look` says what of it
   * is public at `at`, and what changed since the version looked at `before`.
   */
  readLive: () =>
    { version: string; look: (at: number, before?: PushedVersion) => PushLook } | undefined;
  now: () => number;
  claim?: Claim;
  policy?: RetryPolicy;
  log?: Logger;
};

/** Waits after a run whose batch still failed after its retries: 1 min, 2, 4 … at most an hour. */
const RUN_BACKOFF_MS = 60_000;
const MAX_RUN_BACKOFF_MS = 60 * 60_000;

/** The calendar day in Beijing, when Baidu's daily quota starts again. */
export function beijingDay(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A change's name in the claims: the same change on two machines has the same one. */
export function claimKey(
  engine: EngineName,
  change: Pick<UrlChange, 'path' | 'action' | 'fingerprint'>,
) {
  const hash = createHash('sha256')
    .update(`${change.path}\0${change.action}\0${change.fingerprint}`)
    .digest('hex')
    .slice(0, 32);
  return `news:push:${engine}:${hash}`;
}

export function createPusher(options: PusherOptions) {
  const { config, siteUrl, stateFile } = options;
  const log = options.log ?? defaultLog;
  const policy = options.policy ?? DEFAULT_RETRY;
  const engines: Engine[] = [
    ...(config.indexNow ? [indexNowEngine(config.indexNow, siteUrl)] : []),
    ...(config.baidu ? [baiduEngine(config.baidu, siteUrl)] : []),
  ];
  if (!config.enabled || engines.length === 0) return undefined;

  /** What this process last read or wrote, to skip a tick with nothing to do without I/O. */
  let known: PushState | undefined;

  function read(): PushState | undefined {
    try {
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as
        PushState | (Omit<PushState, 'format'> & { format: 1; snapshot?: unknown });
      if (state.format === 2) return state;
      // Written before 2026-12-07 with a snapshot of every public URL: its version and moment are
      // what a look needs now (the catalog has the version's number).
      if (state.format === 1) {
        const { contentVersion, takenAt, nextPublicAt, outbox, engines } = state;
        return { format: 2, contentVersion, takenAt, nextPublicAt, outbox, engines };
      }
      return undefined;
    } catch {
      return undefined;
    }
  }

  function write(state: PushState): void {
    mkdirSync(path.dirname(stateFile), { recursive: true });
    const temporary = `${stateFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, stateFile);
    known = state;
  }

  /** Runs `change` on the state file's latest content, with the machine's other publishers kept out. */
  async function update<T>(change: (state: PushState | undefined) => Promise<T> | T): Promise<T> {
    mkdirSync(path.dirname(stateFile), { recursive: true });
    const fd = lockFile(`${stateFile}.lock`, 'exclusive', { waitSeconds: 60 });
    if (fd === undefined) throw new Error(`${stateFile}.lock is held by another publisher`);
    try {
      return await change(read());
    } finally {
      unlockFile(fd);
    }
  }

  /** Queues what changed since the last look; the first look only notes the version. */
  async function record(): Promise<void> {
    const live = options.readLive();
    if (!live) return;
    const at = options.now();
    if (
      known?.contentVersion === live.version &&
      (known.nextPublicAt === null || at < known.nextPublicAt)
    )
      return;
    await update(async (state) => {
      const look = live.look(
        at,
        state && {
          version: state.contentVersion,
          ...(state.contentSeq === undefined ? {} : { seq: state.contentSeq }),
          at: state.takenAt,
        },
      );
      const base = {
        format: 2 as const,
        contentVersion: live.version,
        contentSeq: look.seq,
        takenAt: at,
        nextPublicAt: look.nextPublicAt ?? null,
      };
      if (!state) {
        write({ ...base, outbox: [], engines: {} });
        log.info(
          `[push] 收录推送 starts with version ${live.version}: its ${look.publicUrls ?? 0} public URLs ` +
            'count as known (the sitemaps have them); later changes are pushed',
          { engines: engines.map((engine) => engine.name) },
        );
        return;
      }
      if (look.beforeLost) {
        log.warn(
          `[push] version ${state.contentVersion}, looked at last, is no longer in the catalog: ` +
            'changes since are known only where the catalog still holds their rows (removals and site documents may be missed)',
        );
      }
      const changes = look.changes;
      const wanted = engines.flatMap((engine) => changes.map((change) => ({ engine, change })));
      const mine = options.claim
        ? await options.claim(wanted.map(({ engine, change }) => claimKey(engine.name, change)))
        : wanted.map(() => true);
      const queued = wanted.filter((_, position) => mine[position]);
      // The newest state of a URL replaces one not yet sent.
      const replaced = new Set(queued.map(({ engine, change }) => `${engine.name} ${change.path}`));
      const outbox = [
        ...state.outbox.filter((item) => !replaced.has(`${item.engine} ${item.path}`)),
        ...queued.map(({ engine, change }) => ({ engine: engine.name, ...change, since: at })),
      ];
      write({ ...base, outbox, engines: state.engines });
      if (changes.length > 0) {
        const updated = changes.filter((change) => change.action === 'updated').length;
        log.info(
          `[push] version ${live.version}: ${changes.length} changed URLs (${updated} new or changed, ` +
            `${changes.length - updated} removed), ${queued.length} queued` +
            (queued.length < wanted.length
              ? `, ${wanted.length - queued.length} claimed by another machine`
              : ''),
          { version: live.version, changed: changes.length, queued: queued.length },
        );
      }
    });
  }

  /** Removes sent (or hopeless) items and applies an engine's new state, in one write. */
  async function settle(
    engine: EngineName,
    done: QueueItem[],
    engineState: EngineState | undefined,
  ) {
    const keys = new Set(done.map((item) => `${item.path} ${item.action} ${item.fingerprint}`));
    await update((state) => {
      if (!state) return;
      const outbox = state.outbox.filter(
        (item) =>
          item.engine !== engine || !keys.has(`${item.path} ${item.action} ${item.fingerprint}`),
      );
      const engines = { ...state.engines };
      if (engineState) engines[engine] = engineState;
      else delete engines[engine];
      write({ ...state, outbox, engines });
    });
  }

  /** Sends each engine's queue, batch after batch; stops starting batches after `deadline` (ms). */
  async function drain(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    for (const engine of engines) {
      const state = known ?? read();
      if (!state) return;
      let engineState = state.engines[engine.name];
      // Pauses and Baidu's day run on the real clock (the site's clock decides only what is public).
      const at = Date.now();
      if (engineState && at < engineState.retryAt) continue;
      const today = beijingDay(at);
      const remain = engineState?.quotaDay === today ? engineState.remain : undefined;
      if (remain !== undefined && remain <= 0) continue;
      const queue = state.outbox.filter((item) => item.engine === engine.name);
      if (queue.length === 0) continue;
      const items = new Map(queue.map((item) => [new URL(item.path, siteUrl).toString(), item]));
      const outgoing = [...items].map(([url, item]) => ({ url, action: item.action }));
      for (const batch of batches(engine, outgoing, remain)) {
        if (Date.now() > deadline) return;
        const { verdict, attempts, ms } = await sendBatch(
          engine,
          batch,
          policy,
          (detail, attempt, wait) =>
            log.warn(
              `[push] ${engine.name}: ${batch.length} URLs → ${detail}; attempt ${attempt} failed, again in ${wait / 1000} s`,
              { engine: engine.name, urls: batch.length, attempt },
            ),
        );
        const removed = batch.filter((item) => item.action === 'removed').length;
        const line =
          `[push] ${engine.name}: ${batch.length} URLs (${batch.length - removed} new or changed, ${removed} removed) ` +
          `→ ${verdict.detail} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} in ${ms} ms`;
        const fields = {
          engine: engine.name,
          urls: batch.length,
          removed,
          attempts,
          ms,
          result: verdict.kind,
        };
        const sent = batch.map((item) => items.get(item.url) as QueueItem);
        if (verdict.kind === 'ok') {
          log.info(line, fields);
          if (verdict.rejected?.length) {
            log.warn(
              `[push] ${engine.name} refused ${verdict.rejected.length} URLs: ${verdict.rejected.slice(0, 5).join(' ')}`,
            );
          }
          engineState =
            verdict.remain === undefined
              ? undefined
              : { failures: 0, retryAt: 0, quotaDay: today, remain: verdict.remain };
          // Baidu takes what its quota allows (`success`): the URLs past that wait for tomorrow.
          const refused = new Set(verdict.rejected);
          const valid = sent.filter((_, n) => !refused.has(batch[n]?.url ?? ''));
          const taken = verdict.accepted === undefined ? valid.length : verdict.accepted;
          const done = [
            ...sent.filter((_, n) => refused.has(batch[n]?.url ?? '')),
            ...valid.slice(0, taken),
          ];
          await settle(engine.name, done, engineState);
          if (verdict.remain !== undefined && verdict.remain <= 0) break;
        } else if (verdict.kind === 'fail') {
          // The engine refused the request itself (a wrong key or token): sending it again fails too.
          log.error(`${line}; dropped: check the key and SITE_URL`, fields);
          await settle(engine.name, sent, engineState);
        } else if (verdict.kind === 'quota') {
          log.warn(
            `${line}; today's quota is used up, the rest waits for tomorrow (Beijing time)`,
            fields,
          );
          await settle(engine.name, [], { failures: 0, retryAt: 0, quotaDay: today, remain: 0 });
          break;
        } else {
          const failures = (engineState?.failures ?? 0) + 1;
          const wait = Math.min(RUN_BACKOFF_MS * 2 ** (failures - 1), MAX_RUN_BACKOFF_MS);
          log.error(`${line}; kept in the queue, next try in ${Math.round(wait / 1000)} s`, fields);
          await settle(engine.name, [], { ...engineState, failures, retryAt: Date.now() + wait });
          break;
        }
      }
    }
  }

  return {
    engines: engines.map((engine) => engine.name),
    record,
    drain,
    /** What is still queued (tests, the publisher's last line). */
    pending: () => (known ?? read())?.outbox.length ?? 0,
    async run(deadline?: number): Promise<void> {
      await record();
      await drain(deadline);
    },
  };
}

export type Pusher = NonNullable<ReturnType<typeof createPusher>>;

/** This machine's name in the claims: a claim it made and did not send is still its own. */
export function machineId(stateFile: string): string {
  return `${hostname()}:${path.resolve(stateFile)}`;
}
