import { z } from "zod";
import { CodedError } from "../../../contract/coded-error";
import { acceptQuality } from "../../http/accept";
import { decodeCursor } from "../cursor";
import type { ConsentQuery } from "../list-query";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export type ConsentsFormat = "json" | "csv";

const SINCE_FORMAT = "must be an ISO 8601 date (2026-03-01) or date-time with a zone (2026-03-01T12:00:00Z)";

const schema = z
  .object({
    user: z
      .string()
      .min(1, { error: "must not be empty" })
      .max(512, { error: "must be at most 512 characters" })
      // PostgreSQL text cannot hold NUL, and no user id has control characters.
      .regex(/^[^\u0000-\u001f\u007f]*$/, { error: "must not contain control characters" })
      .optional(),
    version: z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, { error: "must be a terms version number, e.g. 2" })
      .transform(Number)
      .optional(),
    since: z
      .union([z.iso.datetime({ offset: true, error: SINCE_FORMAT }), z.iso.date({ error: SINCE_FORMAT }).transform((day) => `${day}T00:00:00Z`)])
      // Year 0 exists in ISO 8601 but not in PostgreSQL; no consent predates 1970 anyway.
      .refine((value) => Number(value.slice(0, 4)) >= 1970, { error: "must be from 1970 on" })
      // PostgreSQL refuses offsets it cannot represent (+23:59); real zones lie within -12:00 and +14:00.
      .refine((value) => offsetMinutes(value) <= 14 * 60, { error: "must have a UTC offset between -14:00 and +14:00" })
      .optional(),
    cursor: z
      .string()
      .transform((value, ctx) => {
        const cursor = decodeCursor(value);
        if (cursor) return cursor;
        ctx.addIssue({ code: "custom", message: "is not a cursor this API issued (pass next_cursor back unchanged)" });
        return z.NEVER;
      })
      .optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,7}$/, { error: `must be a whole number between 1 and ${MAX_PAGE_SIZE}` })
      .transform(Number)
      .refine((value) => value >= 1 && value <= MAX_PAGE_SIZE, { error: `must be between 1 and ${MAX_PAGE_SIZE}` })
      .default(DEFAULT_PAGE_SIZE),
    format: z.enum(["json", "csv"], { error: "must be json or csv" }).optional(),
  })
  .strict();

/** The UTC offset of an ISO 8601 date-time, in minutes either way (0 for `Z`). */
function offsetMinutes(value: string): number {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  return offset ? Number(offset[2]) * 60 + Number(offset[3]) : 0;
}

export const CONSENTS_PARAMS_ERROR = "ERR_CONSENTS_PARAMS";

export class ConsentsParamsError extends CodedError<typeof CONSENTS_PARAMS_ERROR> {
  override readonly name = "ConsentsParamsError";

  constructor(readonly problems: string[]) {
    super(CONSENTS_PARAMS_ERROR, problems.join("; "));
  }
}

/**
 * Reads `GET /api/consents` parameters: `user`, `version`, `since`, `cursor`, `limit` (1–1000, default 100) and
 * `format` (`json` or `csv`; otherwise `Accept: text/csv` asks for CSV). Unknown or repeated parameters are refused,
 * so a misspelt filter never silently widens an audit.
 *
 * @example
 * consentsParams(new URL("https://app/api/consents?user=auth0%7C1&limit=50").searchParams, "application/json");
 * // { query: { userId: "auth0|1", limit: 50 }, format: "json" }
 * @throws {ConsentsParamsError} listing every parameter at fault.
 */
export function consentsParams(search: URLSearchParams, accept: string | null): { query: ConsentQuery; format: ConsentsFormat } {
  const names = [...search.keys()];
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (repeated.length > 0) throw new ConsentsParamsError(repeated.map((name) => `${name} is given more than once`));
  const result = schema.safeParse(Object.fromEntries(search));
  if (!result.success) {
    throw new ConsentsParamsError(
      result.error.issues.map((issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")} (use user, version, since, cursor, limit, format)`
          : `${issue.path.join(".")} ${issue.message}`,
      ),
    );
  }
  const { user, version, since, cursor, limit, format } = result.data;
  return {
    query: { userId: user, termsVersion: version, since, after: cursor, limit },
    // CSV only when the client prefers it to JSON; ties, `*/*` and `text/csv;q=0` get the default.
    format: format ?? (accept !== null && acceptQuality(accept, "text/csv") > acceptQuality(accept, "application/json") ? "csv" : "json"),
  };
}
