import { randomBytes } from "node:crypto";

/** Why a key was not accepted; `expired` and `used` keep the record so callers can say precisely what happened. */
export type TakeResult<T> =
  | { status: "ok"; value: T }
  | { status: "unknown" }
  | { status: "expired"; value: T; expiredAt: number }
  | { status: "used"; value: T; usedAt: number; revoked: boolean };

interface Entry<T> {
  value: T;
  expiresAt: number;
  usedAt?: number;
  revoked?: boolean;
}

/**
 * In-memory records behind random, single-use keys (authorization codes, `/continue` states, refresh tokens).
 * A used or expired record is kept for `retainMs` after its expiry, so that a replay is reported as a replay rather
 * than as an unknown key; after that it is forgotten.
 */
export class SingleUseStore<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private lastSweep = 0;

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs: number,
    private readonly retainMs: number,
  ) {}

  put(value: T): string {
    this.sweep();
    const key = randomBytes(32).toString("base64url");
    this.entries.set(key, { value, expiresAt: this.now() + this.lifetimeMs });
    return key;
  }

  /** Consumes the key: the first call gets `ok`, every later one `used`. */
  take(key: string): TakeResult<T> {
    const result = this.inspect(key);
    const entry = this.entries.get(key);
    if (result.status === "ok" && entry) entry.usedAt = this.now();
    return result;
  }

  /** What `take` would answer, without consuming the key. */
  inspect(key: string): TakeResult<T> {
    const entry = this.entries.get(key);
    if (!entry) return { status: "unknown" };
    if (entry.usedAt !== undefined) {
      return { status: "used", value: entry.value, usedAt: entry.usedAt, revoked: entry.revoked === true };
    }
    if (this.now() >= entry.expiresAt) return { status: "expired", value: entry.value, expiredAt: entry.expiresAt };
    return { status: "ok", value: entry.value };
  }

  /** Marks every unused record matching `predicate` as used (revoked), e.g. a refresh-token family after a replay. */
  revokeWhere(predicate: (value: T) => boolean): number {
    let count = 0;
    for (const entry of this.entries.values()) {
      if (entry.usedAt === undefined && predicate(entry.value)) {
        entry.usedAt = this.now();
        entry.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) {
      if (now > entry.expiresAt + this.retainMs) this.entries.delete(key);
    }
  }
}
