import { disableTracing } from '@effect-ts/system/Tracing/Global';
setImmediate(() => disableTracing());
