// Runs once when the server boots, before it answers any request (requests that arrive meanwhile
// wait). Invalid configuration stops the process here (lib/server-start.ts). The content index,
// its lists and the search index are loaded right away rather than on the first request, so the
// first reader after a deploy does not wait; then the process watches for new content versions.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  await (await import('@/lib/server-start')).startServer();
  if (process.env.NODE_ENV !== 'production') return;
  const { getContentState, warmContent } = await import('@/lib/content/repository');
  const { log } = await import('@/lib/observability/log.mjs');
  const { recordContentVersion } = await import('@/lib/observability/metrics.mjs');
  const { watchContent } = await import('@/lib/content/reload');
  const { warmSearchIndex } = await import('@/lib/search/sqlite-engine');
  // After start-up, so the server is listening first; a missing index only logs.
  setTimeout(() => {
    try {
      warmContent();
      recordContentVersion(getContentState().version);
      warmSearchIndex();
    } catch (error) {
      log.error(`[content] could not preload the content: ${(error as Error).message}`);
    }
    watchContent();
  }, 0);
}
