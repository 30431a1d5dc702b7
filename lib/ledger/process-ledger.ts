import { getConfig, type Config, type LedgerConfig } from "../config";
import { readMigrations } from "../database/migrate";
import { openPgliteDatabase } from "../database/pglite-database";
import { openPostgresDatabase } from "../database/postgres-database";
import { LEDGER_MIGRATIONS_DIRECTORY, openLedger, type ConsentLedger } from "./consent-ledger";

/**
 * The ledger a configuration describes: PostgreSQL at `DATABASE_URL`, or the embedded database. Nothing is opened
 * until the first call.
 *
 * @example
 * const ledger = ledgerFrom({ backend: "embedded", dataDir: "/tmp/ledger", timeoutMs: 3000, rateLimit: { records: 10, windowSeconds: 3600 } });
 */
export function ledgerFrom(config: LedgerConfig): ConsentLedger {
  return openLedger({
    open:
      config.backend === "postgres"
        ? async () => openPostgresDatabase({ url: config.url, timeoutMs: config.timeoutMs })
        : () => openPgliteDatabase({ dataDir: config.dataDir }),
    migrations: readMigrations(LEDGER_MIGRATIONS_DIRECTORY),
    timeoutMs: config.timeoutMs,
    rateLimit: config.rateLimit,
  });
}

// On globalThis, not in a module variable: Next.js may load this module once per route bundle, and reloads it in
// development; one pool, or one embedded database, per process.
const KEY = Symbol.for("product-xyz.consent-ledger");
const holder = globalThis as { [KEY]?: ConsentLedger };

/**
 * The ledger of this process, built from its configuration on first use.
 *
 * @example
 * const history = await processLedger().history(session.user.sub);
 */
export function processLedger(config: Config = getConfig()): ConsentLedger {
  holder[KEY] ??= ledgerFrom(config.ledger);
  return holder[KEY];
}
