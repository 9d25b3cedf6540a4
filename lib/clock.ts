// The server's one clock. End-to-end tests set NEWS_TEST_NOW: the clock then reads that instant
// the first time it is asked in a process and runs on in real time from there, so a test can let
// a scheduled article fall due while the server runs. NEWS_TEST_NOW_AT (milliseconds since the
// epoch) instead names the real instant at which the clock read NEWS_TEST_NOW, so a test process
// knows the server's clock too: the view limits count per minute of that clock, and a test of
// them must know where a minute begins (e2e/requests.spec.ts). Nothing else sets either.
const slot = globalThis as typeof globalThis & { [key: symbol]: number | undefined };
const STARTED = Symbol.for('news.clock-started');

export function now(): Date {
  const pinned = process.env.NEWS_TEST_NOW;
  if (!pinned) return new Date();
  const start = Date.parse(pinned);
  if (Number.isNaN(start)) throw new Error(`NEWS_TEST_NOW is not a date: "${pinned}"`);
  slot[STARTED] ??= anchor() ?? Date.now();
  return new Date(start + (Date.now() - slot[STARTED]));
}

function anchor(): number | undefined {
  const at = process.env.NEWS_TEST_NOW_AT;
  if (!at) return undefined;
  if (!/^\d+$/.test(at))
    throw new Error(`NEWS_TEST_NOW_AT is not milliseconds since the epoch: "${at}"`);
  return Number(at);
}
