/** Where a page of the ledger ended: the last row's time (microseconds, UTC) and id. Rows after it come next. */
export interface Cursor {
  recordedAt: string;
  id: string;
}

const RECORDED_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;
const ID = /^[1-9][0-9]{0,18}$/;
/** The largest `bigint` (the ledger's `id`); a larger id would be a database error, not an empty page. */
const MAX_ID = 2n ** 63n - 1n;
/** No record predates the ledger; PostgreSQL has no year 0 either. */
const FIRST_YEAR = 1970;

/** A time the ledger could have written: a real day and time of the calendar (not 2026-13-45), from 1970 on. */
function isRecordedAt(value: string): boolean {
  const parts = RECORDED_AT.exec(value)?.slice(1).map(Number);
  if (!parts) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= FIRST_YEAR &&
    time.getUTCFullYear() === year &&
    time.getUTCMonth() === month - 1 &&
    time.getUTCDate() === day &&
    time.getUTCHours() === hour &&
    time.getUTCMinutes() === minute &&
    time.getUTCSeconds() === second
  );
}
/** Far longer than any cursor we issue; a bound before decoding. */
export const MAX_CURSOR_LENGTH = 128;

/**
 * An opaque cursor for the next page.
 *
 * @example
 * encodeCursor({ recordedAt: "2026-03-01T12:00:00.123456Z", id: "42" }); // "WyIyMDI2LTAzLTAxVDEyOjAw…"
 */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.recordedAt, cursor.id])).toString("base64url");
}

/**
 * The cursor in a string we issued, or `null` when it is not one.
 *
 * @example
 * decodeCursor(encodeCursor(cursor)); // cursor
 * decodeCursor("garbage"); // null
 */
export function decodeCursor(value: string): Cursor | null {
  if (value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [recordedAt, id] = parsed as unknown[];
  if (typeof recordedAt !== "string" || !isRecordedAt(recordedAt)) return null;
  if (typeof id !== "string" || !ID.test(id) || BigInt(id) > MAX_ID) return null;
  return { recordedAt, id };
}
