import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { removeStaleTemps, writePrivateFile } from "../../tooling/private-file";
import { StoreError } from "../errors";

/**
 * One JSON document on disk, validated on load and replaced atomically on save: a temp file in the same folder,
 * fsync, rename. A crash mid-write leaves the previous version intact, never a half-written file.
 */
export class JsonFile<T> {
  /** The newest text not yet written, and who waits for it; under load many saves share one write. */
  private pending?: { text: string; waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> };
  private writing = false;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  /** Missing file ⇒ `undefined`; unreadable, unparsable or invalid ⇒ a `StoreError` naming the file. */
  async load(): Promise<T | undefined> {
    await removeStaleTemps(this.path);
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new StoreError("store_unreadable", `Cannot read ${this.path}: ${(error as Error).message}`, this.path);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StoreError(
        "store_corrupt",
        `${this.path} is not valid JSON (${(error as Error).message}); fix or delete the file.`,
        this.path,
      );
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid content";
      throw new StoreError(
        "store_corrupt",
        `${this.path} does not have the expected shape (${where}); fix or delete the file.`,
        this.path,
      );
    }
    return parsed.data;
  }

  /**
   * Serialises now (later mutations of `value` are not written). Resolves once a write containing this value (or a
   * newer one) is on disk; writes never overlap and the newest value is always written last.
   */
  save(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    return new Promise((resolve, reject) => {
      const waiters = this.pending?.waiters ?? [];
      waiters.push({ resolve, reject });
      this.pending = { text, waiters };
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.pending) {
      const { text, waiters } = this.pending;
      this.pending = undefined;
      try {
        await writeAtomically(this.path, text);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.writing = false;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  try {
    await writePrivateFile(path, text);
  } catch (error) {
    throw new StoreError("store_write_failed", `Cannot write ${path}: ${(error as Error).message}`, path);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === "ENOENT";
}
