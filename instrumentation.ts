// Runs once when the server boots, before it answers any request (requests that arrive meanwhile
// wait). Invalid configuration stops the process here with one line naming the variable. The
// search index is parsed right away rather than on the first query, so the first reader after a
// deploy does not wait seconds for results.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  let start: typeof import('@/lib/server-start');
  try {
    // Importing validates the environment (lib/env.ts) and throws on the first bad variable.
    start = await import('@/lib/server-start');
    const problem = start.startupProblem();
    if (problem) throw new Error(problem);
  } catch (error) {
    console.error(`配置错误 / invalid configuration: ${(error as Error).message}`);
    process.exit(1);
  }
  start.startServerHook();
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
