import { open, readFile, type FileHandle } from "node:fs/promises";
import type { z } from "zod";
import { StoreError } from "../errors";

/** Below this many lines the journal is never folded into its snapshot: small stores compact rarely. */
const MIN_LINES_BEFORE_COMPACTION = 1000;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * An append-only file of changes, one JSON document per line, each fsync'ed before it is acknowledged. Under load
 * the changes queued while a write is under way share the next write and its fsync (group commit), so the cost of
 * a change is its own size, whatever the size of the store.
 *
 * A crash (kill -9) can cut the last write short: what follows the last newline was never acknowledged, is dropped
 * on load and cut off before the next write. Any other line that does not parse is corruption, reported with its
 * line number.
 */
export class Journal<Change> {
  private pending: { text: string; count: number; waiters: Waiter[] } = { text: "", count: 0, waiters: [] };
  /** Writes, truncations and snapshots run one at a time, in the order they were asked for. */
  private queue: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private handle?: FileHandle;
  /** Bytes of whole lines in the file; unknown until `load`. */
  private size?: number;
  private lineCount = 0;
  private compacting = false;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<Change>,
  ) {}

  /** Lines in the file, written or queued, since the last compaction. */
  get length(): number {
    return this.lineCount;
  }

  /** The changes on disk, oldest first; a missing file has none. */
  async load(): Promise<Change[]> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code !== "ENOENT") {
        throw new StoreError("store_unreadable", `Cannot read ${this.path}: ${(error as Error).message}`, this.path);
      }
      text = "";
    }
    const whole = text.slice(0, text.lastIndexOf("\n") + 1);
    const changes = whole === "" ? [] : whole.slice(0, -1).split("\n").map((line, index) => this.parse(line, index + 1));
    this.size = Buffer.byteLength(whole);
    this.lineCount = changes.length;
    return changes;
  }

  /** Resolves once the change (and those queued with it) is on disk. Serialises now: later mutations are not written. */
  append(change: Change): Promise<void> {
    if (this.size === undefined) throw new Error(`${this.path}: load() before append()`);
    const line = `${JSON.stringify(change)}\n`;
    this.lineCount += 1;
    return new Promise((resolve, reject) => {
      this.pending.text += line;
      this.pending.count += 1;
      this.pending.waiters.push({ resolve, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        this.enqueue(() => this.flush());
      }
    });
  }

  /**
   * Appends `change`, and once the journal holds as many lines as the store holds records (and at least
   * `MIN_LINES_BEFORE_COMPACTION`), folds it into the snapshot in the background: a cost in proportion to the store,
   * paid once per as many changes, so constant per change on average. A failed compaction loses nothing (the changes
   * stay in the journal) and is tried again at the next change.
   */
  async appendAndCompactWhenOutgrown(change: Change, records: number, writeSnapshot: () => Promise<void>): Promise<void> {
    const written = this.append(change);
    if (!this.compacting && this.lineCount >= Math.max(MIN_LINES_BEFORE_COMPACTION, records)) {
      this.compacting = true;
      void this.compact(writeSnapshot)
        .catch(() => undefined)
        .finally(() => (this.compacting = false));
    }
    await written;
  }

  /**
   * Replaces the journal by a snapshot: once the changes already written are flushed, `writeSnapshot` must capture
   * the current state synchronously when called (every change appended so far is in it) and resolve once it is
   * durable; the journal is then emptied. A crash in between replays changes the snapshot already holds, which
   * ends in the same state. Changes appended meanwhile are kept.
   */
  compact(writeSnapshot: () => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      const covered = this.pending;
      this.pending = { text: "", count: 0, waiters: [] };
      this.flushQueued = false;
      try {
        await writeSnapshot();
        const handle = await this.file();
        await handle.truncate(0);
        await handle.sync();
        this.size = 0;
        this.lineCount = this.pending.count;
        for (const waiter of covered.waiters) waiter.resolve();
      } catch (error) {
        // Not compacted: the covered changes go to the journal as usual.
        this.pending = { text: covered.text + this.pending.text, count: covered.count + this.pending.count, waiters: [...covered.waiters, ...this.pending.waiters] };
        throw error;
      } finally {
        if (this.pending.count > 0 && !this.flushQueued) {
          this.flushQueued = true;
          void this.enqueue(() => this.flush());
        }
      }
    });
  }

  /** Waits for everything queued, then releases the file. */
  close(): Promise<void> {
    return this.enqueue(async () => {
      await this.handle?.close();
      this.handle = undefined;
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const done = this.queue.then(work);
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async flush(): Promise<void> {
    const { text, count, waiters } = this.pending;
    this.pending = { text: "", count: 0, waiters: [] };
    this.flushQueued = false;
    if (count === 0) return;
    try {
      const handle = await this.file();
      await handle.appendFile(text, "utf8");
      await handle.datasync();
      this.size = (this.size ?? 0) + Buffer.byteLength(text);
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      this.lineCount -= count;
      await this.handle?.truncate(this.size).catch(() => undefined);
      const failure = new StoreError("store_write_failed", `Cannot write ${this.path}: ${(error as Error).message}`, this.path);
      for (const waiter of waiters) waiter.reject(failure);
    }
  }

  private async file(): Promise<FileHandle> {
    if (!this.handle) {
      const handle = await open(this.path, "a", 0o600);
      // Cuts off a write that a crash left unfinished, so that the next line starts on a line of its own.
      await handle.truncate(this.size);
      this.handle = handle;
    }
    return this.handle;
  }

  private parse(line: string, number: number): Change {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new StoreError("store_corrupt", `${this.path}:${number} is not valid JSON (${(error as Error).message}); fix or delete the file.`, this.path);
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid content";
      throw new StoreError("store_corrupt", `${this.path}:${number} does not have the expected shape (${where}); fix or delete the file.`, this.path);
    }
    return parsed.data;
  }
}
