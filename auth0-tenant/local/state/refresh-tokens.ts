import { randomBytes, randomUUID } from "node:crypto";
import type { Authentication } from "../login/types";
import { DEFAULT_CLIENT_REFRESH_TOKEN, type ClientRefreshTokenSettings } from "../store/client-refresh-token";

export interface RefreshGrant {
  id: string;
  /** Every token rotated from the same login shares the family; a reuse outside the interval revokes the family. */
  familyId: string;
  clientId: string;
  scopes: string[];
  audience?: string;
  authentication: Authentication;
  createdAt: number;
}

/** How a token behaves, fixed when its family is issued from the client's `refresh_token` settings. */
interface Policy {
  rotating: boolean;
  /** The reuse interval of a rotated token. */
  leewayMs: number;
  /** Absolute expiry of the family (`token_lifetime` after the login), or none. */
  expiresAt?: number;
  /** `idle_token_lifetime`: how long a token may go unused. */
  idleMs?: number;
}

interface RefreshRecord {
  grant: RefreshGrant;
  policy: Policy;
  /** Last time this token was issued or exchanged: the start of its idle window. */
  lastActiveAt: number;
  /** Rotating tokens: the first exchange, from which the reuse interval counts. */
  rotatedAt?: number;
  /** The token this one was rotated from. */
  parentToken?: string;
  /** When a successor of this token was itself exchanged: this token is then no longer "the previous token". */
  supersededAt?: number;
  revoked: boolean;
}

export type RefreshCheck = { status: "ok"; grant: RefreshGrant } | { status: "refused"; reason: string };

/**
 * Refresh tokens, in memory, per the client's `refresh_token` settings as Auth0 applies them. Rotating: each
 * exchange gives a successor; the used token works again only within the reuse interval (`leeway`) and only while it
 * is the previous token (its successor unused), and any other reuse revokes the whole family. Non-rotating: the same token keeps working and the exchange gives none.
 * Expiring: `token_lifetime` counts from the login, `idle_token_lifetime` from the token's last use. A token is only
 * used once its exchange succeeds, so an Action that denies an exchange does not cost the app its token.
 */
export class RefreshTokenStore {
  private readonly records = new Map<string, RefreshRecord>();
  private lastSweep = 0;

  constructor(private readonly now: () => number) {}

  /** A new family, for a login; the policy comes from the client's settings (Auth0's defaults without any). */
  issue(grant: Omit<RefreshGrant, "id" | "createdAt" | "familyId">, settings: ClientRefreshTokenSettings | undefined, familyId: string = randomUUID()): string {
    return this.put({ ...grant, id: randomUUID(), familyId, createdAt: this.now() }, policyFrom(settings ?? DEFAULT_CLIENT_REFRESH_TOKEN, this.now()));
  }

  /** Checks a presented token without using it; a reuse outside the interval revokes its whole family. */
  check(token: string, clientId: string): RefreshCheck {
    const record = this.records.get(token);
    if (!record) return refused("No refresh token like this one was issued (or the tenant restarted since).");
    if (record.revoked) return refused("The refresh token was revoked.");
    if (record.grant.clientId !== clientId) return refused("The refresh token was issued to another client.");
    const now = this.now();
    const { policy } = record;
    if (policy.expiresAt !== undefined && now >= policy.expiresAt) {
      return refused(`The refresh token expired at ${iso(policy.expiresAt)} (the client's token_lifetime after the login).`);
    }
    if (policy.idleMs !== undefined && now >= record.lastActiveAt + policy.idleMs) {
      return refused(`The refresh token was unused for longer than the client's idle_token_lifetime, until ${iso(record.lastActiveAt + policy.idleMs)}.`);
    }
    if (record.supersededAt !== undefined) {
      this.revokeFamily(record.grant.familyId);
      return refused(
        `The refresh token's successor was already exchanged at ${iso(record.supersededAt)}; within the reuse interval only the previous token may be reused: every token of its family is now revoked.`,
      );
    }
    const withinReuseInterval = record.rotatedAt !== undefined && policy.leewayMs > 0 && now <= record.rotatedAt + policy.leewayMs;
    if (record.rotatedAt !== undefined && !withinReuseInterval) {
      this.revokeFamily(record.grant.familyId);
      return refused(
        `The refresh token was already exchanged at ${iso(record.rotatedAt)}, more than the reuse interval (leeway ${policy.leewayMs / 1000} s) ago: every token of its family is now revoked.`,
      );
    }
    return { status: "ok", grant: record.grant };
  }

  /** Uses the token after a successful exchange: a rotating one gets its successor, a non-rotating one none. */
  exchange(token: string, clientId: string): { status: "ok"; token?: string } | { status: "refused"; reason: string } {
    const checked = this.check(token, clientId);
    if (checked.status === "refused") return checked;
    const record = this.records.get(token);
    if (!record) return refused("The refresh token was revoked.");
    const now = this.now();
    record.lastActiveAt = now;
    if (!record.policy.rotating) return { status: "ok" };
    record.rotatedAt ??= now;
    const parent = record.parentToken === undefined ? undefined : this.records.get(record.parentToken);
    if (parent) parent.supersededAt ??= now;
    const { id: _id, createdAt: _createdAt, ...grant } = record.grant;
    return { status: "ok", token: this.put({ ...grant, id: randomUUID(), createdAt: now }, record.policy, token) };
  }

  /** `/oauth/revoke`: the token's family stops working; unknown tokens and other clients' are ignored (RFC 7009). */
  revoke(token: string, clientId: string): void {
    const record = this.records.get(token);
    if (record && record.grant.clientId === clientId) this.revokeFamily(record.grant.familyId);
  }

  revokeFamily(familyId: string): void {
    for (const record of this.records.values()) if (record.grant.familyId === familyId) record.revoked = true;
  }

  private put(grant: RefreshGrant, policy: Policy, parentToken?: string): string {
    this.sweep();
    const token = randomBytes(32).toString("base64url");
    this.records.set(token, { grant, policy, lastActiveAt: this.now(), revoked: false, ...(parentToken === undefined ? {} : { parentToken }) });
    return token;
  }

  /** At most once a minute: forgets tokens past their absolute or idle expiry (revoked ones keep answering "revoked"). */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [token, { policy, lastActiveAt }] of this.records) {
      const idleEnd = policy.idleMs === undefined ? Infinity : lastActiveAt + policy.idleMs;
      if (now >= Math.min(policy.expiresAt ?? Infinity, idleEnd)) this.records.delete(token);
    }
  }
}

function policyFrom(settings: ClientRefreshTokenSettings, now: number): Policy {
  const expiring = settings.expiration_type === "expiring";
  const lifetime = settings.token_lifetime ?? DEFAULT_CLIENT_REFRESH_TOKEN.token_lifetime;
  const idle = settings.idle_token_lifetime ?? DEFAULT_CLIENT_REFRESH_TOKEN.idle_token_lifetime;
  return {
    rotating: settings.rotation_type === "rotating",
    leewayMs: (settings.leeway ?? 0) * 1000,
    ...(expiring && settings.infinite_token_lifetime !== true && lifetime ? { expiresAt: now + lifetime * 1000 } : {}),
    ...(expiring && settings.infinite_idle_token_lifetime !== true && idle ? { idleMs: idle * 1000 } : {}),
  };
}

function refused(reason: string): { status: "refused"; reason: string } {
  return { status: "refused", reason };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
