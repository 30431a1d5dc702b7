/**
 * Why the database layer failed. Stable codes: handlers, tests and logs match on them. The codes keep the words
 * they had when this layer lived inside the ledger: existing handlers and logs match on them.
 */
export type DatabaseErrorCode = "ledger_unavailable" | "migration_changed" | "embedded_ledger_in_use";

export abstract class DatabaseError extends Error {
  abstract readonly code: DatabaseErrorCode;
}

/**
 * The database could not be reached, or did not answer within the caller's timeout. Nothing may be assumed about
 * the write: the caller decides whether a retry is safe (the ledger's records are idempotent on the login's `state`).
 */
export class DatabaseUnavailableError extends DatabaseError {
  readonly code = "ledger_unavailable";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/** A migration file was edited after it was applied: the database no longer matches the code's history. */
export class MigrationChangedError extends DatabaseError {
  readonly code = "migration_changed";
  constructor(readonly migration: string) {
    super(`Migration ${migration} was changed after it was applied. Migrations are immutable: add a new one instead.`);
    this.name = "MigrationChangedError";
  }
}

/** Another process holds the embedded database's files; PGlite is single-process, and two writers lose rows. */
export class EmbeddedDatabaseInUseError extends DatabaseError {
  readonly code = "embedded_ledger_in_use";
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database at ${dataDir} is in use by process ${pid}. Stop that process, ` +
        "or give this one its own LEDGER_DATA_DIR (or a DATABASE_URL).",
    );
    this.name = "EmbeddedDatabaseInUseError";
  }
}
