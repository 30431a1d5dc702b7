import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { IN_MEMORY_LEDGER } from "../config";
import { lockDataDir } from "./data-dir-lock";
import type { Database, SqlResult, SqlValue } from "./database";
import { DatabaseUnavailableError } from "./errors";

export interface PgliteDatabaseOptions {
  /** A directory (created if missing), or `memory://` for a database that ends with the process. */
  dataDir: string;
}

function resultOf<Row>(result: { rows: unknown[]; affectedRows?: number }): SqlResult<Row> {
  return { rows: result.rows as Row[], rowCount: result.rows.length || (result.affectedRows ?? 0) };
}

/**
 * The embedded backend: PostgreSQL compiled to WebAssembly (PGlite), in this process, so development needs
 * no server. The first open of a new directory takes a few seconds (initdb); later opens under a second. One process
 * per directory (see `lockDataDir`).
 *
 * @example
 * const database = await openPgliteDatabase({ dataDir: ".data/ledger" });
 * await database.query("SELECT 1");
 * await database.close();
 */
export async function openPgliteDatabase(options: PgliteDatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir === IN_MEMORY_LEDGER;
  const release = inMemory ? () => undefined : lockDataDir(options.dataDir);
  let pglite: PGlite;
  try {
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
    pglite = await PGlite.create(inMemory ? undefined : options.dataDir);
  } catch (error) {
    release();
    throw error;
  }

  function open(): PGlite {
    if (pglite.closed) throw new DatabaseUnavailableError("The embedded database is closed.");
    return pglite;
  }

  return {
    backend: "pglite",
    async query<Row extends object>(sql: string, params?: readonly SqlValue[]) {
      return resultOf<Row>(await open().query(sql, params ? [...params] : undefined));
    },
    async transaction(work) {
      return open().transaction((tx) =>
        work({
          query: async <Row extends object>(sql: string, params?: readonly SqlValue[]) =>
            resultOf<Row>(await tx.query(sql, params ? [...params] : undefined)),
          exec: async (script) => void (await tx.exec(script)),
        }),
      );
    },
    async close() {
      if (!pglite.closed) await pglite.close();
      release();
    },
  };
}
