// The server's one clock. End-to-end tests pin it with NEWS_TEST_NOW; nothing else sets it.
export function now(): Date {
  const pinned = process.env.NEWS_TEST_NOW;
  if (pinned) {
    const date = new Date(pinned);
    if (Number.isNaN(date.getTime())) throw new Error(`NEWS_TEST_NOW is not a date: "${pinned}"`);
    return date;
  }
  return new Date();
}
