import type { ConsentRecord } from "../records";

export const CSV_COLUMNS = ["id", "recorded_at", "user_id", "terms_version", "terms_sha256", "terms_language", "decision", "client_id", "ip_address", "user_agent"] as const;

/** RFC 4180 field; a value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`. */
function field(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Records as CSV: a header row, then one line per record, CRLF line ends. User agents and user ids come from
 * outside, so they are neutralised for spreadsheets.
 *
 * @example
 * consentsCsv([record]); // "id,recorded_at,user_id,…\r\n1,2026-03-01T12:00:00.123456Z,auth0|1,…\r\n"
 */
export function consentsCsv(records: readonly ConsentRecord[]): string {
  const lines = records.map((record) =>
    [record.id, record.recordedAt, record.userId, record.termsVersion, record.termsSha256, record.termsLanguage, record.decision, record.clientId, record.ipAddress, record.userAgent]
      .map(field)
      .join(","),
  );
  return [CSV_COLUMNS.join(","), ...lines].map((line) => `${line}\r\n`).join("");
}
