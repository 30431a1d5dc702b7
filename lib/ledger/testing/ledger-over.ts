import { DEFAULT_RATE_LIMIT } from "../../config";
import type { Database } from "../../database/database";
import { readMigrations } from "../../database/migrate";
import { TEST_TIMEOUT_MS } from "../../database/testing/test-backends";
import { LEDGER_MIGRATIONS_DIRECTORY, openLedger, type ConsentLedger, type RateLimit } from "../consent-ledger";

/** A ledger over an open database (closing the ledger closes it), with the default rate limit unless given one. */
export function ledgerOver(database: Database, timeoutMs = TEST_TIMEOUT_MS, rateLimit: RateLimit = DEFAULT_RATE_LIMIT): ConsentLedger {
  return openLedger({ open: async () => database, migrations: readMigrations(LEDGER_MIGRATIONS_DIRECTORY), timeoutMs, rateLimit });
}
