// `npm run content`: the content build (scripts/build/run-content-build.ts).
import { errorReport } from '../../lib/pipeline/error-report';
import { runContentBuild } from './run-content-build';

runContentBuild()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(errorReport(error));
    process.exit(1);
  });
