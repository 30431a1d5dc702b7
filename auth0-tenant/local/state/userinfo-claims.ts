/**
 * The custom claims the Actions set on a login's ID token, by access-token `jti`: Auth0's `/userinfo` returns them
 * with the standard claims. In memory, kept until the access token expires.
 */
export class UserinfoClaimStore {
  private readonly entries = new Map<string, { claims: Record<string, unknown>; expiresAt: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number) {}

  put(jti: string, claims: Record<string, unknown>, expiresAt: number): void {
    this.sweep();
    if (Object.keys(claims).length > 0) this.entries.set(jti, { claims, expiresAt });
  }

  get(jti: unknown): Record<string, unknown> {
    if (typeof jti !== "string") return {};
    const entry = this.entries.get(jti);
    return entry && this.now() < entry.expiresAt ? entry.claims : {};
  }

  /** At most once a minute, so that issuing tokens stays O(1) under load. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [jti, entry] of this.entries) if (now >= entry.expiresAt) this.entries.delete(jti);
  }
}
