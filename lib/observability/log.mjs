// @ts-check
// The server's log: one JSON object per line on stdout (pino), for journald, Loki or any log
// shipper to parse without guessing where a stack trace ends. Plain JavaScript, because the cache
// handler (lib/cache/handler.mjs), which Next loads without bundling, logs through it too; one
// logger per process, kept on globalThis, however many bundles import this file.
import { format } from 'node:util';
import pino from 'pino';

const KEY = Symbol.for('news.logger');
const slot = /** @type {Record<symbol, import('pino').Logger | undefined>} */ (
  /** @type {unknown} */ (globalThis)
);

/**
 * A logger writing to `destination` (stdout by default): level as a word, time as ISO 8601 UTC,
 * the process id and, in a server, its port, so that lines of several instances on one machine
 * are told apart.
 * @param {{ level?: string; destination?: import('pino').DestinationStream }} [options]
 */
export function createLogger(options = {}) {
  // lib/env.ts stops the server on an unknown LOG_LEVEL; until it has looked, one is not fatal.
  const wanted = options.level ?? 'info';
  const level = wanted in pino.levels.values || wanted === 'silent' ? wanted : 'info';
  const port = process.env.PORT?.trim();
  return pino(
    {
      level,
      base: { pid: process.pid, ...(port ? { port: Number(port) } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** This process's logger (LOG_LEVEL, default info). */
export function logger() {
  return (slot[KEY] ??= createLogger({
    level: process.env.LOG_LEVEL?.trim().toLowerCase() || 'info',
  }));
}

/**
 * The same one-line messages the server always wrote, now as JSON lines:
 * `log.error('[views] sqlite store unavailable: …')`.
 */
export const log = {
  /** @param {string} message @param {Record<string, unknown>} [fields] */
  info: (message, fields) => logger().info(fields ?? {}, message),
  /** @param {string} message @param {Record<string, unknown>} [fields] */
  warn: (message, fields) => logger().warn(fields ?? {}, message),
  /** @param {string} message @param {Record<string, unknown>} [fields] */
  error: (message, fields) => logger().error(fields ?? {}, message),
};

const CONSOLE = Symbol.for('news.console-to-log');

/**
 * Sends whatever the server prints through console (Next's own messages, a render error's stack
 * trace, a library's warning) to the log as one JSON line each, instead of several lines of text.
 * Called once, as the production server boots (lib/server-start.ts).
 * @param {Console} [target]
 * @param {import('pino').Logger} [to]
 */
export function consoleToLog(target = console, to = logger()) {
  const patched = /** @type {Record<symbol, boolean | undefined>} */ (
    /** @type {unknown} */ (target)
  );
  if (patched[CONSOLE]) return;
  patched[CONSOLE] = true;
  /** @param {'info' | 'warn' | 'error' | 'debug'} level */
  const line =
    (level) =>
    (/** @type {unknown[]} */ ...args) =>
      to[level](format(...args));
  target.log = line('info');
  target.info = line('info');
  target.warn = line('warn');
  target.error = line('error');
  target.debug = line('debug');
}
