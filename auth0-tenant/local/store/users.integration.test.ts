import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeUsersFile } from "./testing/stored-users";
import { UserStore } from "./users";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "user-store-crash-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the writer until it has acknowledged at least `atLeast` logins, then kills it with SIGKILL; the last count it printed. */
function killWriterAfter(userId: string, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "testing", "login-writer.ts"), dataDir, userId], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let acknowledged = 0;
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      const counts = chunk.toString().trim().split("\n").map(Number);
      acknowledged = Math.max(acknowledged, ...counts);
      if (acknowledged >= atLeast && child.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGKILL");
    });
    child.once("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(acknowledged) : reject(new Error(`the writer exited: ${errors}`))));
  });
}

describe("UserStore after kill -9", () => {
  it("keeps every acknowledged change, loads without a half-written line, and leaves no temporary file", async () => {
    const [user] = await writeUsersFile(dataDir, 100);
    const userId = user?.user_id ?? "";
    let expected = user?.logins_count ?? 0;
    for (let crash = 0; crash < 3; crash += 1) {
      const acknowledged = await killWriterAfter(userId, 200);
      const store = await UserStore.open(dataDir, Date.now);
      const count = store.findById(userId)?.logins_count ?? 0;
      // Changes written but not yet acknowledged when the kill came may be there too.
      expect(count).toBeGreaterThanOrEqual(expected + acknowledged);
      expect(store.list()).toHaveLength(100);
      expected = count;
      await store.close();
    }
    expect((await readdir(dataDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  }, 120_000);
});
