// The ports of the servers tests start beside the suite's own (E2E_PORT), one list so that two
// files running at the same time never share one (each `next start` also opens its metrics port,
// the same + 10000). The cluster tests take free ports of their own.
export const E2E_PORT = Number(process.env.E2E_PORT || 3210);

export const OWN_PORTS = {
  previewOff: E2E_PORT + 1,
  previewOther: E2E_PORT + 4,
  /** The stand-in for IndexNow and Baidu that e2e/push.spec.ts pushes to. */
  pushReceiver: E2E_PORT + 11,
  freshnessViews: E2E_PORT + 2,
  freshnessScheduled: E2E_PORT + 3,
  publishA: E2E_PORT + 5,
  publishB: E2E_PORT + 6,
  publishRedis: E2E_PORT + 7,
  sitemapSplit: E2E_PORT + 8,
  startup: E2E_PORT + 9,
  observability: E2E_PORT + 10,
  notices: E2E_PORT + 12,
  /** e2e/memory-scale.spec.ts: one server at a time, 2,000 then 20,000 articles. */
  memoryScale: E2E_PORT + 13,
} as const;

// Two files given the same port fail at random, whichever starts second (this happened when two
// branches each took a free number): refuse the list instead.
const taken = Object.values(OWN_PORTS);
if (new Set([E2E_PORT, ...taken]).size !== taken.length + 1) {
  throw new Error(`e2e/ports.ts: two servers share a port: ${taken.join(', ')}`);
}

/** The IndexNow key the suite's server is started with (playwright.config.ts); /<key>.txt serves it. */
export const E2E_INDEXNOW_KEY = 'e2e-indexnow-key-0123456789';
