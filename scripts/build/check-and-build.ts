// What a publish runs (scripts/build/publish.ts): the content check, then the content build, in
// one process, the build taking the check's hash of every source file instead of a second pass
// over them (at 100,000 articles, a stat and a cache row per file: about 2 s, and a process start);
// when git says the content directory is exactly a commit, both take only the files changed since
// the commit of their last run (lib/pipeline/source-changes.ts, docs/adr/034).
// The build publishes the bytes the check passed. Not an entry point of the build code's version
// (lib/pipeline/build-version.ts): a change to the check's rules recompiles nothing.
import path from 'node:path';
import { env } from '../../lib/env';
import { errorReport } from '../../lib/pipeline/error-report';
import { cleanCommit } from '../../lib/pipeline/source-changes';
import { runContentBuild } from './run-content-build';
import { runContentCheck } from './run-content-check';

try {
  // Asked once, before either reads a file: when the content directory is exactly a commit, each
  // step reads only the files changed since the commit its last run was at (source-changes.ts).
  const at = cleanCommit(path.resolve(env.contentDir));
  const checked = await runContentCheck({ quiet: true, fix: false, ...(at ? { at } : {}) });
  if (!checked.ok) process.exit(1);
  await runContentBuild({
    ...(checked.hashes ? { hashes: checked.hashes } : {}),
    ...(checked.partial ? { partial: true } : {}),
    at: checked.at,
  });
  process.exit(0);
} catch (error) {
  console.error(errorReport(error));
  process.exit(1);
}
