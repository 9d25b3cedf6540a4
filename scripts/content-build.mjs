// `npm run content`: the same as `contentlayer2 build` (same config, same strict checks, same
// output and error messages), minus the CLI's first import, which switches on effect-ts
// execution tracing for every fiber. At 10,000 articles that tracing alone took the content
// build from about 100 s to over 6 minutes (docs/benchmarks.md).
import * as core from '@contentlayer2/core';
import { pipe, T } from '@contentlayer2/utils/effect';

const configArg = process.argv.indexOf('--config');
const configPath = configArg > 0 ? process.argv[configArg + 1] : undefined;

const exitCode = await pipe(
  core.getConfig({ configPath }),
  T.chain((config) => core.generateDotpkg({ config, verbose: false })),
  T.tap(core.logGenerateInfo),
  T.map(() => 0),
  core.runMain({ tracingServiceName: 'content-build', verbose: false }),
);
process.exit(exitCode ?? 1);
