import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IN_MEMORY_LEDGER, parseConfig } from "../config";
import { openPgliteDatabase } from "../database/pglite-database";
import { readMigrations } from "../database/migrate";
import { testEnv } from "../../tests/support/test-env";
import { openAppDatabase } from "./app-database";
import { BUSINESS_DATA_MIGRATIONS_DIRECTORY, openBusinessDataStore } from "./business-data-store";

const folder = mkdtempSync(path.join(tmpdir(), "business-data-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("business data store", () => {
  it("is migrated on first use, with the demo customer, and upserts by email in lower case", async () => {
    const store = openBusinessDataStore({ open: () => openPgliteDatabase({ dataDir: IN_MEMORY_LEDGER }), timeoutMs: 5_000 });
    expect(await store.findByEmail("DEMO@example.com")).toMatchObject({ email: "demo@example.com", plan: "enterprise", seats: 25 });
    await store.upsert({ email: "New@Example.com", plan: "free", company: "New", accountManager: null, seats: 1 });
    await store.upsert({ email: "new@example.com", plan: "team", company: "New", accountManager: "am@example.com", seats: 5 });
    expect(await store.findByEmail("new@example.com")).toEqual({ email: "new@example.com", plan: "team", company: "New", accountManager: "am@example.com", seats: 5 });
    expect(await store.findByEmail("nobody@example.com")).toBeUndefined();
    await expect(store.upsert({ email: "bad@example.com", plan: "team", company: "X", accountManager: null, seats: -1 })).rejects.toThrow(/check constraint/);
    await store.close();
  });

  it("reads its migrations from its own folder, beside its code", () => {
    expect(readMigrations(BUSINESS_DATA_MIGRATIONS_DIRECTORY).map((migration) => migration.name)).toEqual(["100_business_data"]);
  });

  it("opens an embedded database next to the ledger's, so that both can be open in one process", async () => {
    const ledger = parseConfig(testEnv({ LEDGER_DATA_DIR: path.join(folder, "ledger") })).ledger;
    const ledgerHandle = await openPgliteDatabase({ dataDir: path.join(folder, "ledger") });
    const store = openBusinessDataStore({ open: () => openAppDatabase(ledger), timeoutMs: 10_000 });
    await store.prepare();
    expect(await store.findByEmail("demo@example.com")).toBeDefined();
    await store.close();
    await ledgerHandle.close();
  });
});
