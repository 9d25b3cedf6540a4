// Pure: the one contract both view stores implement.
export type HourlyRow = {
  slug: string;
  /** Start of the hour, epoch ms (UTC). */ hour: number;
  count: number;
};

export interface ViewStore {
  /**
   * Counts one view of `slug` by `visitor` at `at`, unless the same visitor viewed the same
   * article in the last `dedupeSeconds`. Resolves true when the view was counted.
   */
  recordView(slug: string, visitor: string, at: Date, dedupeSeconds: number): Promise<boolean>;
  /** Counts a request by `visitor` in the minute of `at` and resolves the minute's total. */
  hit(visitor: string, at: Date): Promise<number>;
  /** Hourly counts of the `hours` hours up to and including the hour of `at`. */
  hourly(hours: number, at: Date): Promise<HourlyRow[]>;
  /** All-time totals of the given articles. */
  totals(slugs: string[]): Promise<Map<string, number>>;
  /** A secret shared by every server using this store, for hashing visitors. */
  secret(): Promise<string>;
  close(): Promise<void>;
}

/** Buckets are kept a little past the longest window (7 days). */
export const RETENTION_HOURS = 7 * 24 + 24;

export const HOUR_MS = 3_600_000;

export function hourStart(at: Date): number {
  return Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
}

/** yyyymmddhh in UTC: the Redis bucket key suffix. */
export function hourKey(hour: number): string {
  return new Date(hour).toISOString().slice(0, 13).replace(/[-T]/g, '');
}
