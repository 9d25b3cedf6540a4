// `npm run content`: Contentlayer's build (same config, same strict checks, same error messages)
// with two differences that took 10,000 articles from over 6 minutes to about a minute
// (docs/benchmarks.md):
// - the CLI's first import switches on effect-ts execution tracing for every fiber; this runner
//   does not import it;
// - article bodies are compiled, and the search index built, in a worker thread on the second
//   core while Contentlayer validates the documents on the first.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as core from '@contentlayer2/core';
import { env } from '../../lib/env';
import {
  readGeneratedDocuments,
  writeContentIndex,
  type Prepared,
} from '../../lib/pipeline/index-writer';

process.env.CONTENT_INDEX_WRITER = 'content-build';
const configArg = process.argv.indexOf('--config');
const configPath = configArg > 0 ? process.argv[configArg + 1] : undefined;

// The worker is TypeScript too: register tsx inside it before loading it.
const workerUrl = new URL('./content-build-worker.ts', import.meta.url).href;
const worker = new Worker(
  `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`,
  { eval: true, workerData: { contentDir: path.resolve(env.contentDir) } },
);
// A worker that fails leaves the bodies to the main thread; the build still succeeds.
const prepared = new Promise<Prepared | undefined>((resolve) => {
  worker.once('message', (message: Prepared) => resolve(message));
  worker.once('error', (error) => {
    console.warn(`Body worker failed, compiling on the main thread: ${String(error)}`);
    resolve(undefined);
  });
  worker.once('exit', () => resolve(undefined));
});

// runMain prints Contentlayer's own error (file and field) and exits non-zero on any failure.
const run = core.runMain({ tracingServiceName: 'content-build', verbose: false });
// (The effect types do not resolve under this tsconfig, so the results are typed here.)
type Config = Parameters<typeof core.generateDotpkg>[0]['config'];
type GenerateInfo = Parameters<typeof core.logGenerateInfo>[0];
const config = (await run(core.getConfig({ configPath }))) as Config;
const info = (await run(core.generateDotpkg({ config, verbose: false }))) as GenerateInfo;
await run(core.logGenerateInfo(info));
await writeContentIndex(await readGeneratedDocuments(), await prepared);
await worker.terminate();
process.exit(0);
