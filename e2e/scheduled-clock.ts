// A server clock for the scheduled-article tests: chunyun-keyunzhan-yanchang-fuwu and the site
// notice chunjie-gengxin-anpai are dated 2024-01-26 08:00 (+08:00). The servers' clock
// (lib/clock.ts) reads SCHEDULED_LEAD_MS before that at `anchor`, a real instant this process
// knows (NEWS_TEST_NOW_AT), so the test knows when the articles fall due however long the
// servers took to start, instead of counting from its first request.
const DUE = Date.parse('2024-01-26T08:00:00+08:00');
/**
 * Starting the servers and seeing the articles missing everywhere must fit in it on a busy
 * machine: 15 s counted from the first request did not, once, beside two builds.
 */
export const SCHEDULED_LEAD_MS = 45_000;

export function scheduledClock() {
  const anchor = Date.now();
  return {
    env: {
      NEWS_TEST_NOW: new Date(DUE - SCHEDULED_LEAD_MS).toISOString(),
      NEWS_TEST_NOW_AT: String(anchor),
    },
    /** The real instant the articles fall due on the servers' clock. */
    due: anchor + SCHEDULED_LEAD_MS,
  };
}
