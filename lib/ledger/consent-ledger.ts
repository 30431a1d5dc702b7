import path from "node:path";
import type { Database } from "../database/database";
import { withinDeadline } from "../database/deadline";
import { DatabaseUnavailableError } from "../database/errors";
import { migrate, type Migration } from "../database/migrate";
import { hasCode } from "../errors/has-code";
import type { Cursor } from "./cursor";
import { DecisionConflictError, LedgerRateLimitedError } from "./errors";
import { listQuerySql, type ConsentQuery } from "./list-query";
import { RECORD_COLUMNS, recordFromRow, type ConsentRecord, type NewConsentRecord, type RecordRow } from "./records";

export interface RecordOutcome {
  record: ConsentRecord;
  /** `true` when this login's answer was already recorded (a retry, a replayed form): nothing was written. */
  replayed: boolean;
}

export interface ConsentPage {
  records: ConsentRecord[];
  /** Where the next page starts, or `null` on the last page. */
  next: Cursor | null;
}

/** The durable record of answers to the terms. Every call is bounded by the ledger's timeout. */
export interface ConsentLedger {
  /** Opens and migrates the database now, not at the first call, without a timeout. */
  prepare(): Promise<void>;
  /**
   * Writes an answer once per user and login (`loginId`); returns when it is committed. The same answer again is a
   * replay (nothing written); another answer, or the same login under another `state`, is refused
   * (`DecisionConflictError`); a user over the rate limit is refused (`LedgerRateLimitedError`), nothing written.
   */
  record(entry: NewConsentRecord): Promise<RecordOutcome>;
  /** A user's answers, newest first (at most `limit`, default 200). */
  history(userId: string, limit?: number): Promise<ConsentRecord[]>;
  /** A page of all answers, oldest first, for auditors. */
  list(query: ConsentQuery): Promise<ConsentPage>;
  close(): Promise<void>;
}

/** The ledger's migrations (`readMigrations(LEDGER_MIGRATIONS_DIRECTORY)`), read at run time: next.config.js ships them. */
export const LEDGER_MIGRATIONS_DIRECTORY = path.join(process.cwd(), "lib", "ledger", "migrations");

export interface LedgerOptions {
  /** Opens the database on first use (once; again after a failed open). */
  open: () => Promise<Database>;
  migrations: readonly Migration[];
  /** Bound of each call, migrations included; the first open of an embedded database is not counted (local work). */
  timeoutMs: number;
  /** At most `records` new records per user in any `windowSeconds`; replays are not counted. */
  rateLimit: RateLimit;
}

export interface RateLimit {
  records: number;
  windowSeconds: number;
}

/** A user's answers, newest first: the user index read backwards. ORDER BY is qualified to sort by the table's columns. */
export const HISTORY_SQL = `SELECT ${RECORD_COLUMNS} FROM consent_records WHERE user_id = $1
  ORDER BY consent_records.recorded_at DESC, consent_records.id DESC LIMIT $2::integer`;

/**
 * One answer, in one round trip: `consent_records_record` (migrations 002, 003) locks the user, then finds the login's
 * row, or counts the user's recent rows against the limit, or inserts. `answer`'s columns are read as a record.
 */
export const RECORD_SQL = `SELECT r.outcome, r.retry_after, ${RECORD_COLUMNS}
  FROM consent_records_record($1, $2::integer, $3, $4, $5, $6::inet, $7, $8, $9, $10::integer, $11::integer, $12) AS r
  LEFT JOIN LATERAL (SELECT (r.answer).*) AS consent_records ON true`;

type RecordOutcomeRow = RecordRow & { outcome: "created" | "replayed" | "conflict" | "rate_limited"; retry_after: number | null };

/**
 * The consent ledger over a database, migrated on first use (once per process).
 *
 * @example
 * const ledger = openLedger({ open: () => openPgliteDatabase({ dataDir }), migrations: readMigrations(LEDGER_MIGRATIONS_DIRECTORY), timeoutMs: 3000, rateLimit: { records: 10, windowSeconds: 3600 } });
 * const { replayed } = await ledger.record({ userId: "auth0|1", termsVersion: 2, termsSha256, termsLanguage: "en", decision: "accepted", state, loginId, clientId: null, ipAddress: null, userAgent: null });
 */
export function openLedger(options: LedgerOptions): ConsentLedger {
  let opened: Promise<Database> | undefined;
  let migration: { done: boolean; promise: Promise<void> } | undefined;
  let closed = false;

  // A failed open or migration is forgotten, so the next call tries again (the database may be back).
  function database(): Promise<Database> {
    if (closed) return Promise.reject(new DatabaseUnavailableError("The ledger is closed."));
    opened ??= options.open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  }

  function migratedOnce(db: Database): Promise<void> {
    if (!migration) {
      const current = {
        done: false,
        promise: migrate(db, options.migrations).then(
          () => void (current.done = true),
          (error: unknown) => {
            if (migration === current) migration = undefined;
            throw error;
          },
        ),
      };
      migration = current;
    }
    return migration.promise;
  }

  async function run<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = await database();
    try {
      return await withinDeadline(options.timeoutMs, migratedOnce(db).then(() => work(db)));
    } catch (error) {
      // A migration still running at the deadline is not waited for forever: the next call starts another, which
      // the advisory lock queues behind it and which then finds nothing left to do.
      if (hasCode<DatabaseUnavailableError>(error, "ERR_DATABASE_UNAVAILABLE") && migration && !migration.done) migration = undefined;
      throw error;
    }
  }

  return {
    prepare: async () => migratedOnce(await database()),
    record: (entry) =>
      run(async (db) => {
        const { rows } = await db.query<RecordOutcomeRow>(RECORD_SQL, [
          entry.userId,
          entry.termsVersion,
          entry.termsSha256,
          entry.decision,
          entry.clientId,
          entry.ipAddress,
          entry.userAgent,
          entry.state,
          entry.loginId,
          options.rateLimit.records,
          options.rateLimit.windowSeconds,
          entry.termsLanguage,
        ]);
        const row = rows[0];
        if (!row) throw new Error("Invariant: consent_records_record returned no row.");
        if (row.outcome === "rate_limited") {
          // The function counts from its transaction's start, which may precede the commit of the newest row it
          // waited for under the user's lock: never promise more than one window.
          throw new LedgerRateLimitedError(Math.min(row.retry_after ?? 1, options.rateLimit.windowSeconds));
        }
        const record = recordFromRow(row);
        // Another answer for this login, or its token under another state: refused, never overwritten.
        if (row.outcome === "conflict") throw new DecisionConflictError(record);
        return { record, replayed: row.outcome === "replayed" };
      }),
    history: (userId, limit = 200) =>
      run(async (db) => {
        const { rows } = await db.query<RecordRow>(HISTORY_SQL, [userId, limit]);
        return rows.map(recordFromRow);
      }),
    list: (query) =>
      run(async (db) => {
        const { sql, params } = listQuerySql(query);
        const { rows } = await db.query<RecordRow>(sql, params);
        const records = rows.slice(0, query.limit).map(recordFromRow);
        const last = records.at(-1);
        return { records, next: rows.length > query.limit && last ? { recordedAt: last.recordedAt, id: last.id } : null };
      }),
    async close() {
      closed = true;
      const db = await opened?.catch(() => undefined);
      await db?.close();
    },
  };
}
