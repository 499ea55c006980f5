// The clock and periods of the log-retention specs: minutes from a fixed start, an engine that
// keeps an hour, and a log kept two hours (the shortest allowed: two retention periods).
export const T = Date.UTC(2026, 2, 4, 9);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const at = (minutes: number) => T + minutes * MINUTE;
export const ENGINE = { horizonMs: 15 * MINUTE, dedupeWindowMs: HOUR, retentionMs: HOUR };
export const KEEP_LOG = 2 * HOUR;
