// A child process of `npm run content`: compiles its share of the files the build cache lacks
// (scripts/build/compile-sources.ts) on its own core, with its own memory, and exits.
import { compileSources, type CompileJob } from './compile-sources';

process.once('message', (job: Omit<CompileJob, 'onProgress'>) => {
  compileSources({ ...job, onProgress: (progress) => process.send?.(progress) })
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
});
