import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { testEnv } from "../../../tests/support/test-env";
import { parseConfig, testDatabaseUrl } from "../../config";
import type { Database } from "../database";
import { openPgliteDatabase } from "../pglite-database";
import { openPostgresDatabase } from "../postgres-database";
import { privateSchema } from "./private-schema";

export type BackendName = "pglite" | "postgres";

/**
 * A private store for one test file: a temporary PGlite directory, or a fresh schema on the PostgreSQL server of
 * `DATABASE_URL` (so parallel files and runs never meet), dropped by `dispose`.
 */
export interface TestBackend {
  readonly name: BackendName;
  /** A new handle on this backend's store: the same data each time (PGlite: one handle at a time). */
  open(options?: { timeoutMs?: number }): Promise<Database>;
  /** PostgreSQL only: the URL of the store (its schema selected), e.g. to put a proxy in front of it. */
  readonly url?: string;
  dispose(): Promise<void>;
}

export const TEST_TIMEOUT_MS = 3000;

/** The server of `DATABASE_URL`, validated like the app's own configuration; `undefined` runs PGlite only. */
export const serverUrl = (() => {
  const ledger = parseConfig(testEnv({ DATABASE_URL: testDatabaseUrl() })).ledger;
  return ledger.backend === "postgres" ? ledger.url : undefined;
})();

/** Every backend of this run: PGlite always, PostgreSQL when `DATABASE_URL` is set. */
export const backendNames: BackendName[] = serverUrl ? ["pglite", "postgres"] : ["pglite"];

export async function createTestBackend(name: BackendName): Promise<TestBackend> {
  if (name === "pglite") {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "database-test-")), "data");
    return {
      name,
      open: () => openPgliteDatabase({ dataDir }),
      async dispose() {
        rmSync(path.dirname(dataDir), { recursive: true, force: true });
      },
    };
  }
  if (!serverUrl) throw new Error("DATABASE_URL is not set: no PostgreSQL backend in this run.");
  const schema = await privateSchema(serverUrl, "database_test");
  return {
    name,
    url: schema.url,
    open: async (options) => openPostgresDatabase({ url: schema.url, timeoutMs: options?.timeoutMs ?? TEST_TIMEOUT_MS, maxConnections: 10 }),
    dispose: () => schema.drop(),
  };
}
