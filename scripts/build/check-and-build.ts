// What a publish runs (scripts/build/publish.ts): the content check, then the content build, in
// one process, the build taking the check's hash of every source file instead of a second pass
// over them (at 100,000 articles, a stat and a cache row per file: about 2 s, and a process start).
// The build publishes the bytes the check passed. Not an entry point of the build code's version
// (lib/pipeline/build-version.ts): a change to the check's rules recompiles nothing.
import { errorReport } from '../../lib/pipeline/error-report';
import { runContentBuild } from './run-content-build';
import { runContentCheck } from './run-content-check';

try {
  const checked = await runContentCheck({ quiet: true, fix: false });
  if (!checked.ok) process.exit(1);
  await runContentBuild(checked.hashes ? { hashes: checked.hashes } : {});
  process.exit(0);
} catch (error) {
  console.error(errorReport(error));
  process.exit(1);
}
