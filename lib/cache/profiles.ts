// Pure: every cache lifetime of the site, by name. Nothing else in the code base holds a number
// of seconds for how long something may be served.
export const cacheProfiles = {
  /** The view rankings behind 热门文章: read from the store at most this often per process. */
  hot: { seconds: 10 },
} as const;
