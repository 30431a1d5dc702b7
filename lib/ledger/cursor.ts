/** Where a page of the ledger ended: the last row's time (microseconds, UTC) and id. Rows after it come next. */
export interface Cursor {
  recordedAt: string;
  id: string;
}

const RECORDED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[1-9][0-9]{0,18}$/;
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
  if (typeof recordedAt !== "string" || !RECORDED_AT.test(recordedAt) || typeof id !== "string" || !ID.test(id)) return null;
  return { recordedAt, id };
}
