/**
 * The API reports rule times as Beijing time (UTC+8, no daylight saving) strings.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD hh:mm:ss` in Beijing time for a Unix time in milliseconds. */
export function formatBeijingTime(unixMs: number): string {
  return new Date(unixMs + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
