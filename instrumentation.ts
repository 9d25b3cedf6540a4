// Runs once when the server boots, before it answers any request (requests that arrive meanwhile
// wait). Invalid configuration stops the process here (lib/server-start.ts). The search index is
// parsed right away rather than on the first query, so the first reader after a deploy does not
// wait seconds for results.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  await (await import('@/lib/server-start')).startServer();
  if (process.env.NODE_ENV !== 'production') return;
  const { warmSearchIndex } = await import('@/lib/search/local');
  // After start-up, so the server is listening first; a missing index only logs.
  setTimeout(() => {
    try {
      warmSearchIndex();
    } catch (error) {
      console.error(`[search] could not preload the index: ${(error as Error).message}`);
    }
  }, 0);
}
