// npm run content:check — validates content/ without a Next build. Exit 1 on any error.
// --fix first rewrites half-width punctuation in Chinese text (lib/pipeline/punctuation.ts) in place.
// --quiet (the build): errors, and only the first few warnings with the command that lists them all.
import { runContentCheck } from './run-content-check';

const outcome = await runContentCheck({
  quiet: process.argv.includes('--quiet'),
  fix: process.argv.includes('--fix'),
});
process.exit(outcome.ok ? 0 : 1);
