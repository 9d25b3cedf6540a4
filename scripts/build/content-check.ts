// npm run content:check — validates content/ without a Next build. Exit 1 on any error.
// --fix first rewrites half-width punctuation in Chinese text (lib/pipeline/punctuation.ts) in place.
// --quiet (the build): errors, and only the first few warnings with the command that lists them all.
// When the content directory is exactly a git commit, only the files changed since the commit of
// the last check are read (lib/pipeline/source-changes.ts, docs/adr/034).
import path from 'node:path';
import { env } from '../../lib/env';
import { cleanCommit } from '../../lib/pipeline/source-changes';
import { runContentCheck } from './run-content-check';

const fix = process.argv.includes('--fix');
const at = fix ? undefined : cleanCommit(path.resolve(env.contentDir));
const outcome = await runContentCheck({
  quiet: process.argv.includes('--quiet'),
  fix,
  ...(at ? { at } : {}),
});
process.exit(outcome.ok ? 0 : 1);
