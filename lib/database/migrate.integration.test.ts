import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./database";
import { MigrationChangedError } from "./errors";
import { migrate, readMigrations } from "./migrate";
import { backendNames, createTestBackend, type TestBackend } from "./testing/test-backends";

const root = mkdtempSync(path.join(tmpdir(), "migrations-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A migrations folder with these files (name → SQL). */
function folder(name: string, files: Record<string, string>): string {
  const directory = path.join(root, name);
  mkdirSync(directory, { recursive: true });
  for (const [file, sql] of Object.entries(files)) writeFileSync(path.join(directory, file), sql);
  return directory;
}

const first = folder("first", {
  "002_second.sql": "ALTER TABLE first_things ADD COLUMN label text;",
  "001_first.sql": "CREATE TABLE first_things (id integer PRIMARY KEY);",
  "README.md": "not a migration",
  "3_no_padding.sql": "SELECT 1/0;",
});
mkdirSync(path.join(first, "nested"));
writeFileSync(path.join(first, "nested", "003_nested.sql"), "SELECT 1/0;");
const second = folder("second", { "100_other.sql": "CREATE TABLE other_things (id integer PRIMARY KEY);" });

describe("readMigrations", () => {
  it("reads the NNN_name.sql files of the folder it is given, sorted by name, and nothing else", () => {
    expect(readMigrations(first).map((migration) => migration.name)).toEqual(["001_first", "002_second"]);
    expect(readMigrations(second).map((migration) => migration.name)).toEqual(["100_other"]);
  });
});

describe.each(backendNames)("migrate on %s", (name) => {
  let backend: TestBackend;
  let db: Database;

  beforeAll(async () => {
    backend = await createTestBackend(name);
    db = await backend.open();
  });

  afterAll(async () => {
    await db?.close();
    await backend?.dispose();
  });

  it("applies each folder's migrations once, side by side in one database, and refuses an edited one", async () => {
    expect(await migrate(db, readMigrations(first))).toEqual(["001_first", "002_second"]);
    expect(await migrate(db, readMigrations(second))).toEqual(["100_other"]);
    expect(await migrate(db, readMigrations(first))).toEqual([]);
    expect(await migrate(db, readMigrations(second))).toEqual([]);
    const { rows } = await db.query<{ name: string }>("SELECT name FROM ledger_migrations ORDER BY name");
    expect(rows.map((row) => row.name)).toEqual(["001_first", "002_second", "100_other"]);
    await db.query("INSERT INTO first_things (id, label) VALUES (1, 'one')");
    await db.query("INSERT INTO other_things (id) VALUES (1)");

    const edited = readMigrations(second).map((migration) => ({ ...migration, sha256: "0".repeat(64) }));
    await expect(migrate(db, edited)).rejects.toBeInstanceOf(MigrationChangedError);
  });
});
