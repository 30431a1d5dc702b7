import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Files the tooling keeps about secrets (`.env.local`, the local tenant's stores, its TLS key): owner-only, and
 * replaced atomically, so a crash mid-write leaves the old file whole and never a half-written one.
 */

/** Temp files of this process not yet renamed or removed; any other with our pid is a dead process's (pid 1 in a container). */
const writing = new Set<string>();

/** Writes `text` to a new owner-only temp file beside `file`, flushed to disk; returns its path. */
export async function writePrivateTemp(file: string, text: string): Promise<string> {
  const directory = path.dirname(file);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  // Named with our pid, so that a later start can tell a temp file left by a killed writer (removeStaleTemps).
  const temp = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  writing.add(temp);
  try {
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  } catch (error) {
    writing.delete(temp);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Deletes the temp files of `file` that a process killed mid-write (`kill -9`, power loss) left behind: they hold
 * a copy of secrets, and nothing else will ever remove them. A temp file of a live process is left alone.
 */
export async function removeStaleTemps(file: string): Promise<void> {
  const directory = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length))?.[1] : undefined;
    const temp = path.join(directory, name);
    if (pid === undefined || writing.has(temp) || (Number(pid) !== process.pid && isAlive(Number(pid)))) continue;
    await unlink(temp).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Replaces `file` with `text` atomically (temp file, fsync, rename, fsync of the folder). */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const temp = await writePrivateTemp(file, text);
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    writing.delete(temp);
  }
  await syncDirectory(path.dirname(file));
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is harmless to skip. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}
