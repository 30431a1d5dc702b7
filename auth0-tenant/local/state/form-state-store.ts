import { randomBytes } from "node:crypto";

/** What a form's `state` finds: the record, or why there is none. */
export type StateLookup<T> = { status: "ok"; record: T } | { status: "missing" | "unknown" | "expired" };

/** A random, unguessable id or form token. */
export function randomToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The pending logins and MFA challenges a form's `state` names, visited as often as the form is shown or posted and
 * deleted when its step ends (unlike the single-use keys of `SingleUseStore`). In memory like every login state (a
 * restart forgets it), each record living
 * `lifetimeMs`. Expired records are swept at most once a minute, so that adding stays O(1) under load, and are kept
 * `keepExpiredMs` more so that a late form is told "expired" rather than "unknown".
 */
export class FormStateStore<T extends { id: string; expiresAt: number }> {
  private readonly records = new Map<string, T>();
  private lastSweep = 0;

  constructor(
    private readonly now: () => number,
    private readonly lifetimeMs: number,
    private readonly keepExpiredMs = 0,
  ) {}

  /** Stores the record `build` makes with a new id and this store's expiry. */
  protected add(build: (id: string, expiresAt: number) => T): T {
    this.sweep();
    const record = build(randomToken(), this.now() + this.lifetimeMs);
    this.records.set(record.id, record);
    return record;
  }

  find(id: string | undefined): StateLookup<T> {
    if (!id) return { status: "missing" };
    const record = this.records.get(id);
    if (!record) return { status: "unknown" };
    if (this.now() >= record.expiresAt) return { status: "expired" };
    return { status: "ok", record };
  }

  /** A finished or refused step ends its record: a resubmitted form is refused. */
  delete(id: string): void {
    this.records.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, record] of this.records) if (now >= record.expiresAt + this.keepExpiredMs) this.records.delete(id);
  }
}
