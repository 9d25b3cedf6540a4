// What a build script prints for the error that stops it. An operator's error is a plain Error
// whose message says what to do (another build holds the lock, a bad variable): its message
// alone. Anything else is a bug or a library's failure (a RangeError at 250,000 articles came
// with no place, and cost a 28-minute build to find): its stack, which says where.
export function errorReport(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.constructor === Error) return error.message;
  return error.stack ?? `${error.name}: ${error.message}`;
}
