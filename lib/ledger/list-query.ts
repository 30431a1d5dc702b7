import type { SqlValue } from "../database/database";
import type { Cursor } from "./cursor";
import { RECORD_COLUMNS } from "./records";

/** A page of the ledger, oldest first: filters, where the previous page ended, and how many rows. */
export interface ConsentQuery {
  userId?: string;
  termsVersion?: number;
  /** ISO 8601; rows recorded at or after it. */
  since?: string;
  after?: Cursor;
  limit: number;
}

/**
 * The SQL of one page: keyset pagination on `(recorded_at, id)`, which the indexes of migration 001 serve in order
 * (no sort, no offset), so page 1000 costs what page 1 costs. Fetches one row more than `limit` to know whether a
 * next page exists. Only fixed fragments are concatenated; every value is a parameter.
 *
 * @example
 * const { sql, params } = listQuerySql({ userId: "auth0|1", limit: 100 });
 */
export function listQuerySql(query: ConsentQuery): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [];
  const bind = (value: SqlValue) => `$${params.push(value)}`;
  const conditions: string[] = [];
  if (query.userId !== undefined) conditions.push(`user_id = ${bind(query.userId)}`);
  if (query.termsVersion !== undefined) conditions.push(`terms_version = ${bind(query.termsVersion)}::integer`);
  if (query.since !== undefined) conditions.push(`recorded_at >= ${bind(query.since)}::timestamptz`);
  if (query.after !== undefined) {
    conditions.push(`(recorded_at, id) > (${bind(query.after.recordedAt)}::timestamptz, ${bind(query.after.id)}::bigint)`);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
  return {
    // Qualified: unqualified, ORDER BY would sort by the output columns of the same names (text).
    sql: `SELECT ${RECORD_COLUMNS} FROM consent_records ${where}
      ORDER BY consent_records.recorded_at, consent_records.id LIMIT ${bind(query.limit + 1)}::integer`,
    params,
  };
}
