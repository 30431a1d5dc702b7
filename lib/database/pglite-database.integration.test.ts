import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedDatabaseInUseError } from "./errors";
import { openPgliteDatabase } from "./pglite-database";

const root = mkdtempSync(path.join(tmpdir(), "database-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("embedded database files", () => {
  it("are held by one handle at a time: PGlite would lose a second writer's rows", async () => {
    const dataDir = path.join(root, "one");
    const first = await openPgliteDatabase({ dataDir });
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    await expect(openPgliteDatabase({ dataDir })).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openPgliteDatabase({ dataDir });
    await second.close();
  });

  it("are taken over from a process that died without releasing them", async () => {
    const dataDir = path.join(root, "stale");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(`${dataDir}.lock`, dead);
    const database = await openPgliteDatabase({ dataDir });
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    await database.close();
  });

  it("refuse a directory held by another live process, naming it", async () => {
    const dataDir = path.join(root, "other");
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(openPgliteDatabase({ dataDir })).rejects.toThrow(`is in use by process ${process.ppid}`);
  });
});
