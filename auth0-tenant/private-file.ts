import { randomBytes } from "node:crypto";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Files the tooling keeps about secrets (`.env.local`, the local tenant's stores, its TLS key): owner-only, and
 * replaced atomically, so a crash mid-write leaves the old file whole and never a half-written one.
 */

/** Writes `text` to a new owner-only temp file beside `file`, flushed to disk; returns its path. */
export async function writePrivateTemp(file: string, text: string): Promise<string> {
  const directory = path.dirname(file);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temp = path.join(directory, `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
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
    await unlink(temp).catch(() => undefined);
    throw error;
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
