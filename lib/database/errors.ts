import { CodedError } from "../../contract/coded-error";

/** Why the database layer failed. Stable codes: handlers, tests and logs match on them. */
export type DatabaseErrorCode = "ERR_DATABASE_UNAVAILABLE" | "ERR_MIGRATION_CHANGED" | "ERR_EMBEDDED_DATABASE_IN_USE";

export abstract class DatabaseError<C extends DatabaseErrorCode = DatabaseErrorCode> extends CodedError<C> {}

/**
 * The database could not be reached, or did not answer within the caller's timeout. Nothing may be assumed about
 * the write: the caller decides whether a retry is safe (the ledger's records are idempotent on the login).
 */
export class DatabaseUnavailableError extends DatabaseError<"ERR_DATABASE_UNAVAILABLE"> {
  override readonly name = "DatabaseUnavailableError";

  constructor(message: string, options?: ErrorOptions) {
    super("ERR_DATABASE_UNAVAILABLE", message, options);
  }
}

/** A migration file was edited after it was applied: the database no longer matches the code's history. */
export class MigrationChangedError extends DatabaseError<"ERR_MIGRATION_CHANGED"> {
  override readonly name = "MigrationChangedError";

  constructor(readonly migration: string) {
    super("ERR_MIGRATION_CHANGED", `Migration ${migration} was changed after it was applied. Migrations are immutable: add a new one instead.`);
  }
}

/** Another process holds the embedded database's files; PGlite is single-process, and two writers lose rows. */
export class EmbeddedDatabaseInUseError extends DatabaseError<"ERR_EMBEDDED_DATABASE_IN_USE"> {
  override readonly name = "EmbeddedDatabaseInUseError";

  constructor(dataDir: string, pid: number) {
    super(
      "ERR_EMBEDDED_DATABASE_IN_USE",
      `The embedded database at ${dataDir} is in use by process ${pid}. Stop that process, ` +
        "or give this one its own LEDGER_DATA_DIR (or a DATABASE_URL).",
    );
  }
}
