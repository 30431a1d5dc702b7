import { hasCode } from "../errors/has-code";
import type { Cursor } from "./cursor";
import type { Database } from "./database";
import { withinDeadline } from "./deadline";
import { DecisionConflictError, LedgerUnavailableError } from "./errors";
import { listQuerySql, type ConsentQuery } from "./list-query";
import { migrate, type Migration } from "./migrate";
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
  /** Writes an answer once per login `state`; returns when it is committed. */
  record(entry: NewConsentRecord): Promise<RecordOutcome>;
  /** A user's answers, newest first (at most `limit`, default 200). */
  history(userId: string, limit?: number): Promise<ConsentRecord[]>;
  /** A page of all answers, oldest first, for auditors. */
  list(query: ConsentQuery): Promise<ConsentPage>;
  close(): Promise<void>;
}

export interface LedgerOptions {
  /** Opens the database on first use (once; again after a failed open). */
  open: () => Promise<Database>;
  migrations: readonly Migration[];
  /** Bound of each call, migrations included; the first open of an embedded database is not counted (local work). */
  timeoutMs: number;
}

/** A user's answers, newest first: the user index read backwards. ORDER BY is qualified to sort by the table's columns. */
export const HISTORY_SQL = `SELECT ${RECORD_COLUMNS} FROM consent_records WHERE user_id = $1
  ORDER BY consent_records.recorded_at DESC, consent_records.id DESC LIMIT $2::integer`;

const INSERT_SQL = `INSERT INTO consent_records
    (user_id, terms_version, terms_sha256, decision, client_id, ip_address, user_agent, login_state)
  VALUES ($1, $2::integer, $3, $4, $5, $6::inet, $7, $8)
  ON CONFLICT (login_state) DO NOTHING
  RETURNING ${RECORD_COLUMNS}`;

/**
 * The consent ledger over a database, migrated on first use (once per process).
 *
 * @example
 * const ledger = openLedger({ open: () => openPgliteDatabase({ dataDir }), migrations: readMigrations(), timeoutMs: 3000 });
 * const { replayed } = await ledger.record({ userId: "auth0|1", termsVersion: 2, termsSha256, decision: "accepted", state, clientId: null, ipAddress: null, userAgent: null });
 */
export function openLedger(options: LedgerOptions): ConsentLedger {
  let opened: Promise<Database> | undefined;
  let migration: { done: boolean; promise: Promise<void> } | undefined;
  let closed = false;

  // A failed open or migration is forgotten, so the next call tries again (the database may be back).
  function database(): Promise<Database> {
    if (closed) return Promise.reject(new LedgerUnavailableError("The ledger is closed."));
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
      if (hasCode<LedgerUnavailableError>(error, "ledger_unavailable") && migration && !migration.done) migration = undefined;
      throw error;
    }
  }

  return {
    prepare: async () => migratedOnce(await database()),
    record: (entry) =>
      run(async (db) => {
        const inserted = await db.query<RecordRow>(INSERT_SQL, [
          entry.userId,
          entry.termsVersion,
          entry.termsSha256,
          entry.decision,
          entry.clientId,
          entry.ipAddress,
          entry.userAgent,
          entry.state,
        ]);
        const created = inserted.rows[0];
        if (created) return { record: recordFromRow(created), replayed: false };
        // The state is taken: by this same answer (a retry) or by another one (refused, never overwritten).
        const found = await db.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM consent_records WHERE login_state = $1`, [entry.state]);
        const existing = found.rows[0];
        if (!existing) throw new Error("Invariant: ON CONFLICT found a row that SELECT does not see.");
        const record = recordFromRow(existing);
        if (record.decision !== entry.decision || record.userId !== entry.userId || record.termsVersion !== entry.termsVersion) {
          throw new DecisionConflictError(record);
        }
        return { record, replayed: true };
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
