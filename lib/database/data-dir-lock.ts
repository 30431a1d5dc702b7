import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EmbeddedDatabaseInUseError } from "./errors";

/** Lock files this process holds, so a stale file left by an earlier process with our pid (pid 1 in a container) is taken over. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<dataDir>.lock` for this process. PGlite does not guard its files: two processes on one directory
 * silently lose each other's writes (verified), so the second one is refused. A lock left by a dead process is
 * taken over.
 *
 * @example
 * const release = lockDataDir("/app/.data/ledger"); // throws EmbeddedDatabaseInUseError when another process has it
 * release();
 * @returns a function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      held.add(file);
      return () => {
        held.delete(file);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    const ours = pid === process.pid;
    if ((ours && held.has(file)) || (!ours && Number.isInteger(pid) && pid > 0 && isAlive(pid))) {
      throw new EmbeddedDatabaseInUseError(dataDir, pid);
    }
    rmSync(file, { force: true });
  }
}
