// Shared by the benchmark scripts: wait until a freshly started server answers.
export async function waitFor(url: string, attempts = 200) {
  for (let i = 0; i < attempts; i += 1) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}
