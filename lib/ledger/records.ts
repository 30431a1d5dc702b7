import type { Locale } from "../i18n/locales";

/** What a user answered to a version of the terms. */
export type ConsentDecision = "accepted" | "declined";

/** An answer to record. The time is not part of it: the database clock stamps every row. */
export interface NewConsentRecord {
  /** The Auth0 user id (`sub`). */
  userId: string;
  termsVersion: number;
  /** SHA-256 (hex) of the exact terms text the user was shown. */
  termsSha256: string;
  /** The language of that text (`en`, `fr`). */
  termsLanguage: Locale;
  decision: ConsentDecision;
  /** Auth0's `state` for this login, as it came with the Action's token. */
  state: string;
  /**
   * The terms Action's `login_id` for this login, signed into its token: one record per user and login, so a
   * replayed form cannot write twice, and one token cannot write under several states.
   */
  loginId: string;
  /** The Auth0 application the user signed in to; `null` until the terms Action passes it. */
  clientId: string | null;
  /** The browser's address, when a trusted proxy reports it (see `client-address.ts`). */
  ipAddress: string | null;
  userAgent: string | null;
}

/** A row of the ledger as the app shows it. `state` stays inside the ledger: it is an idempotency key, not evidence. */
export interface ConsentRecord {
  /** A 64-bit integer, as a string. */
  id: string;
  /** ISO 8601 in UTC with microseconds, e.g. `2026-03-01T12:00:00.123456Z`: the database's clock. */
  recordedAt: string;
  userId: string;
  termsVersion: number;
  termsSha256: string;
  /** The language the terms were shown in; `en` for records written before there were others. */
  termsLanguage: string;
  decision: ConsentDecision;
  clientId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/** Longest user agent kept: enough to identify a browser, not a place to store arbitrary client data. */
export const MAX_USER_AGENT_LENGTH = 512;

/**
 * The columns of a `ConsentRecord`, with the time at full precision (keyset cursors need every microsecond). The
 * aliases shadow the table's `recorded_at` and `id` in ORDER BY: qualify those there.
 */
export const RECORD_COLUMNS = `id::text AS id,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at,
  user_id, terms_version, terms_sha256, terms_language, decision, client_id, host(ip_address) AS ip_address, user_agent`;

export interface RecordRow {
  id: string;
  recorded_at: string;
  user_id: string;
  terms_version: number;
  terms_sha256: string;
  terms_language: string;
  decision: ConsentDecision;
  client_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
}

/**
 * A row selected with `RECORD_COLUMNS`, as the app shows it.
 *
 * @example
 * const { rows } = await database.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM consent_records`);
 * rows.map(recordFromRow);
 */
export function recordFromRow(row: RecordRow): ConsentRecord {
  return {
    id: row.id,
    recordedAt: row.recorded_at,
    userId: row.user_id,
    termsVersion: row.terms_version,
    termsSha256: row.terms_sha256,
    termsLanguage: row.terms_language,
    decision: row.decision,
    clientId: row.client_id,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
  };
}
