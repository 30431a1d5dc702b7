/** A value bound to a `$n` placeholder. */
export type SqlValue = string | number | boolean | null | Date;

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or returned by the statement. */
  rowCount: number;
}

/** Runs one statement with `$1…$n` placeholders; values are always bound, never spliced into the text. */
export interface SqlRunner {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<SqlResult<Row>>;
}

/** Inside a transaction: statements, and scripts of several statements without parameters (migrations). */
export interface SqlTransaction extends SqlRunner {
  exec(script: string): Promise<void>;
}

/**
 * What the app's stores (the ledger, business data) need from a database. Two backends implement it with the same
 * SQL: PostgreSQL through `pg` (`postgres-database.ts`) and embedded PGlite (`pglite-database.ts`).
 *
 * A backend reports a database it cannot reach, or that does not answer in time, as `DatabaseUnavailableError`.
 *
 * @example
 * const { rows } = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM consent_records WHERE user_id = $1", [sub]);
 * await database.transaction(async (tx) => tx.exec("CREATE TABLE …; CREATE INDEX …;"));
 */
export interface Database extends SqlRunner {
  readonly backend: "postgres" | "pglite";
  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
