import path from "node:path";
import type { LedgerConfig } from "../config";
import { IN_MEMORY_LEDGER } from "../config";
import type { Database } from "../database/database";
import { openPgliteDatabase } from "../database/pglite-database";
import { openPostgresDatabase } from "../database/postgres-database";

/**
 * The app's database for business data, from the ledger's configuration. PostgreSQL: the same database as the
 * ledger, through a pool of its own. Embedded: PGlite takes one handle per directory and the ledger keeps its
 * handle to itself, so business data gets the sibling directory `<LEDGER_DATA_DIR>-business-data` (memory stays
 * memory). A handle of its own, not the ledger's, on purpose: each store opens, migrates and closes its database
 * alone, and the Action's lookups never queue behind the ledger's writes in one pool.
 *
 * @example
 * const database = await openAppDatabase(getConfig().ledger);
 */
export async function openAppDatabase(config: LedgerConfig): Promise<Database> {
  if (config.backend === "postgres") return openPostgresDatabase({ url: config.url, timeoutMs: config.timeoutMs, maxConnections: 2 });
  const dataDir = config.dataDir === IN_MEMORY_LEDGER ? config.dataDir : `${path.resolve(config.dataDir)}-business-data`;
  return openPgliteDatabase({ dataDir });
}
