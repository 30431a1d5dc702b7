import { readFile } from "node:fs/promises";
import path from "node:path";
import { SyncError } from "./errors";
import { writePrivateFile } from "../tooling/private-file";

/**
 * The sync's writes to the developer's env file (`.env.local`): set a few variables, keep every other line as it
 * is. Only git-ignored names are accepted (`.env.local`, `.env.<mode>.local`), so a secret never lands in a tracked
 * file; the file is written owner-only and atomically.
 */

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
/** Values we write are ids and random tokens; anything else would need quoting rules Next's loader may not share. */
const SAFE_VALUE = /^[A-Za-z0-9_\-.:/+=@]+$/;
const HEADER = "# Written by npm run tenant:sync";

export function assertIgnoredEnvFile(file: string): void {
  if (!/^\.env(\.[A-Za-z0-9_-]+)?\.local$/.test(path.basename(file))) {
    throw new SyncError(
      "ERR_SYNC_ENV_FILE",
      `Refusing to write secrets to ${file}: only a git-ignored .env.local (or .env.<mode>.local) file is written.`,
    );
  }
}

/** The file's text, or an empty string when it does not exist yet. */
export async function readEnvFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new SyncError("ERR_SYNC_ENV_FILE", `Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** The value of each variable defined in the text (the last definition wins, as in dotenv); quotes removed. */
export function envFileValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    values.set(match[1], unquote(match[2]));
  }
  return values;
}

/**
 * Sets `updates` in the text: a variable already defined is replaced where it stands (every definition of it, so
 * no stale duplicate wins); a new one is appended under a header. Other lines, comments and blank lines are kept.
 */
export function mergeEnvText(text: string, updates: Readonly<Record<string, string>>): string {
  for (const [name, value] of Object.entries(updates)) {
    if (!SAFE_VALUE.test(value)) {
      throw new SyncError(
        "ERR_SYNC_ENV_FILE",
        `Cannot write ${name}: its value has characters an env file would need quoted.`,
      );
    }
  }
  const pending = new Map(Object.entries(updates));
  const lines = text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
  const merged = lines.map((line) => {
    const name = LINE.exec(line)?.[1];
    if (name === undefined || !(name in updates)) return line;
    pending.delete(name);
    return `${name}=${updates[name]}`;
  });
  if (pending.size > 0) {
    if (!merged.includes(HEADER)) {
      if (merged.length > 0 && merged.at(-1)?.trim() !== "") merged.push("");
      merged.push(HEADER);
    }
    for (const [name, value] of pending) merged.push(`${name}=${value}`);
  }
  return `${merged.join("\n")}\n`;
}

/** Reads, merges and writes back; a no-op when nothing changes. Returns the names whose value changed. */
export async function updateEnvFile(file: string, updates: Readonly<Record<string, string>>): Promise<string[]> {
  assertIgnoredEnvFile(file);
  const text = await readEnvFile(file);
  const current = envFileValues(text);
  const changed = Object.keys(updates).filter((name) => current.get(name) !== updates[name]);
  if (changed.length === 0) return [];
  try {
    await writePrivateFile(file, mergeEnvText(text, updates));
  } catch (error) {
    throw new SyncError("ERR_SYNC_ENV_FILE", `Cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
  return changed;
}

function unquote(raw: string): string {
  const value = raw.trim();
  const quoted = /^(['"`])(.*)\1$/.exec(value);
  if (quoted?.[2] !== undefined) return quoted[2];
  return value.replace(/\s+#.*$/, "");
}
