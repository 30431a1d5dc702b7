import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "./database";
import { MigrationChangedError } from "./errors";

/** A plain SQL file of a migrations folder (the ledger's, business data's), applied once, in name order. */
export interface Migration {
  /** The file name without `.sql`, e.g. `001_consent_records`. */
  name: string;
  sql: string;
  sha256: string;
}

const FILE_NAME = /^([0-9]{3}_[a-z0-9_]+)\.sql$/;

/**
 * Reads the migration files of `directory` (`NNN_name.sql`; anything else is skipped), sorted by name. Each part
 * that owns tables passes its own folder, read at run time: `next.config.js` must ship it with the server functions.
 *
 * @example
 * readMigrations(LEDGER_MIGRATIONS_DIRECTORY); // [{ name: "001_consent_records", sql: "CREATE TABLE …", sha256: "e941…" }]
 */
export function readMigrations(directory: string): Migration[] {
  return readdirSync(/*turbopackIgnore: true*/ directory)
    .map((file) => FILE_NAME.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(/*turbopackIgnore: true*/ directory, `${name}.sql`), "utf8");
      return { name, sql, sha256: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies the migrations the database has not seen, in one transaction, and records each in `ledger_migrations`.
 * Concurrent starts (several instances, or several test workers) queue on an advisory lock scoped to the schema,
 * so exactly one applies them and the others find nothing to do. Re-running is a no-op. Several folders share the
 * table and the lock, so a name must be unique across folders (the ledger's start at 001, business data's at 100).
 *
 * @example
 * const applied = await migrate(database, readMigrations(LEDGER_MIGRATIONS_DIRECTORY)); // ["001_consent_records"] the first time, [] after
 * @throws {MigrationChangedError} when an applied file has since been edited.
 */
export async function migrate(database: Database, migrations: readonly Migration[]): Promise<string[]> {
  return database.transaction(async (tx) => {
    // Two int4 keys: this app's migrations, in this schema (tests run one schema per file on one server). The lock
    // key and the table keep the names they had when this runner was the ledger's: deployed databases record their
    // applied migrations in that table (a new one would run every migration again over existing tables), and the
    // previous release's instances take that lock (a new key would let both migrate at once during a rollout).
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('product-xyz.ledger.migrate'), hashtext(current_schema()))");
    await tx.exec(`CREATE TABLE IF NOT EXISTS ledger_migrations (
      name       text        PRIMARY KEY,
      sha256     text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ name: string; sha256: string }>("SELECT name, sha256 FROM ledger_migrations");
    const applied = new Map(rows.map((row) => [row.name, row.sha256]));
    const names: string[] = [];
    for (const migration of migrations) {
      const sha256 = applied.get(migration.name);
      if (sha256 !== undefined) {
        if (sha256 !== migration.sha256) throw new MigrationChangedError(migration.name);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO ledger_migrations (name, sha256) VALUES ($1, $2)", [migration.name, migration.sha256]);
      names.push(migration.name);
    }
    return names;
  });
}
