// The server's one clock. End-to-end tests set NEWS_TEST_NOW: the clock then reads that instant
// the first time it is asked in a process and runs on in real time from there, so a test can let
// a scheduled article fall due while the server runs. Nothing else sets it.
const slot = globalThis as typeof globalThis & { [key: symbol]: number | undefined };
const STARTED = Symbol.for('news.clock-started');

export function now(): Date {
  const pinned = process.env.NEWS_TEST_NOW;
  if (!pinned) return new Date();
  const start = Date.parse(pinned);
  if (Number.isNaN(start)) throw new Error(`NEWS_TEST_NOW is not a date: "${pinned}"`);
  slot[STARTED] ??= Date.now();
  return new Date(start + (Date.now() - slot[STARTED]));
}
