export interface ThrottlingOptions {
  /** Length of the counting window in milliseconds (`THROTTLE_TTL_MS`). */
  ttlMs: number;
  /** Requests one caller may make per window, across all routes (`THROTTLE_LIMIT`). */
  limit: number;
}
