import { createHash, randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { Authentication } from "../login/types";
import { DEFAULT_CLIENT_REFRESH_TOKEN, type ClientRefreshTokenSettings } from "./client-refresh-token";
import { JsonFile } from "./json-file";
import { Journal } from "./journal";

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
const policySchema = z.object({
  rotating: z.boolean(),
  /** The reuse interval of a rotated token. */
  leewayMs: z.number(),
  /** Absolute expiry of the family (`token_lifetime` after the login), or none. */
  expiresAt: z.number().optional(),
  /** `idle_token_lifetime`: how long a token may go unused. */
  idleMs: z.number().optional(),
});
type Policy = z.infer<typeof policySchema>;

const grantSchema = z.object({
  id: z.string(),
  familyId: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  audience: z.string().optional(),
  authentication: z.object({
    userId: z.string(),
    sessionId: z.string(),
    authenticatedAt: z.number(),
    methods: z.array(z.object({ name: z.string(), timestamp: z.string(), type: z.string().optional() })),
  }),
  createdAt: z.number(),
});

/** One token as kept on disk: its SHA-256, never the token itself. */
const recordSchema = z.object({
  hash: z.string(),
  grant: grantSchema,
  policy: policySchema,
  /** Last time this token was issued or exchanged: the start of its idle window. */
  lastActiveAt: z.number(),
  /** Rotating tokens: the first exchange, from which the reuse interval counts. */
  rotatedAt: z.number().optional(),
  /** The hash of the token this one was rotated from. */
  parentHash: z.string().optional(),
  /** When a successor of this token was itself exchanged: this token is then no longer "the previous token". */
  supersededAt: z.number().optional(),
  revoked: z.boolean(),
});
type RefreshRecord = z.infer<typeof recordSchema>;

const fileSchema = z.object({ tokens: z.array(recordSchema) });
/**
 * A line of `refresh-tokens.journal`: the new state of the (at most three) tokens one change touches, with the families
 * a new login's token pushed past Auth0's limit (`forget`); or a family's revocation.
 */
const changeSchema = z.union([
  z.strictObject({ put: z.array(recordSchema), forget: z.array(z.string()).optional() }),
  z.strictObject({ revokeFamily: z.string() }),
]);
type RefreshChange = z.infer<typeof changeSchema>;

/**
 * Auth0 keeps at most this many active refresh tokens per user and application: a new one past it revokes and deletes
 * the oldest; revoked and expired ones do not count (RT, "Limitations"). Here a family (a login's token and those
 * rotated from it) is one token.
 */
export const MAX_ACTIVE_TOKENS_PER_USER_AND_CLIENT = 200;

export type RefreshCheck = { status: "ok"; grant: RefreshGrant } | { status: "refused"; reason: string };

/**
 * Refresh tokens in `refresh-tokens.json`, per the client's `refresh_token` settings as Auth0 applies them. Rotating: each
 * exchange gives a successor; the used token works again only within the reuse interval (`leeway`) and only while it
 * is the previous token (its successor unused), and any other reuse revokes the whole family. Non-rotating: the same token keeps working and the exchange gives none.
 * Expiring: `token_lifetime` counts from the login, `idle_token_lifetime` from the token's last use. A token is only
 * used once its exchange succeeds, so an Action that denies an exchange does not cost the app its token.
 * On disk as users.ts keeps users: `refresh-tokens.json`, a snapshot, and `refresh-tokens.journal`, one fsync'ed line
 * per change since, awaited before the answer (so a token is handed out only once it survives `kill -9`). A change
 * costs its own line whatever the number of families stored; the journal is folded into the snapshot at start, at
 * close and when it outgrows the snapshot, and expired tokens are left out of it then. A user's oldest families past
 * `MAX_ACTIVE_TOKENS_PER_USER_AND_CLIENT` for a client are forgotten when a login adds one.
 */
export class RefreshTokenStore {
  private lastSweep = 0;

  private constructor(
    private readonly snapshot: JsonFile<z.infer<typeof fileSchema>>,
    private readonly journal: Journal<RefreshChange>,
    private readonly now: () => number,
    /** By the token's hash. */
    private readonly records: Map<string, RefreshRecord>,
  ) {}

  /** Loads the snapshot and replays the journal, dropping the tokens already past their absolute or idle expiry. */
  static async open(dataDir: string, now: () => number): Promise<RefreshTokenStore> {
    const snapshot = new JsonFile(join(dataDir, "refresh-tokens.json"), fileSchema);
    const journal = new Journal(join(dataDir, "refresh-tokens.journal"), changeSchema);
    const records = new Map(((await snapshot.load())?.tokens ?? []).map((record) => [record.hash, record]));
    for (const change of await journal.load()) {
      if ("put" in change) {
        for (const record of change.put) records.set(record.hash, record);
        for (const familyId of change.forget ?? []) forgetIn(records, familyId);
      } else revokeIn(records, change.revokeFamily);
    }
    for (const [hash, record] of records) if (expired(record, now())) records.delete(hash);
    const store = new RefreshTokenStore(snapshot, journal, now, records);
    if (journal.length > 0) await store.compact();
    return store;
  }

  /**
   * A new family, for a login; the policy comes from the client's settings (Auth0's defaults without any). When the
   * user already holds the most active families the client may have, the oldest are forgotten to make room.
   */
  async issue(grant: Omit<RefreshGrant, "id" | "createdAt" | "familyId">, settings: ClientRefreshTokenSettings | undefined, familyId: string = randomUUID()): Promise<string> {
    const forget = this.oldestPastLimit(grant.authentication.userId, grant.clientId);
    for (const oldFamilyId of forget) forgetIn(this.records, oldFamilyId);
    return this.put({ ...grant, id: randomUUID(), familyId, createdAt: this.now() }, policyFrom(settings ?? DEFAULT_CLIENT_REFRESH_TOKEN, this.now()), undefined, [], forget);
  }

  /** Checks a presented token without using it; a reuse outside the interval revokes its whole family. */
  async check(token: string, clientId: string): Promise<RefreshCheck> {
    const record = this.records.get(hashOf(token));
    if (!record) {
      return refused(
        `No refresh token like this one was issued (or it was forgotten: expired, or its user's oldest for this client past the ${MAX_ACTIVE_TOKENS_PER_USER_AND_CLIENT} Auth0 keeps).`,
      );
    }
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
      await this.revokeFamily(record.grant.familyId);
      return refused(
        `The refresh token's successor was already exchanged at ${iso(record.supersededAt)}; within the reuse interval only the previous token may be reused: every token of its family is now revoked.`,
      );
    }
    const withinReuseInterval = record.rotatedAt !== undefined && policy.leewayMs > 0 && now <= record.rotatedAt + policy.leewayMs;
    if (record.rotatedAt !== undefined && !withinReuseInterval) {
      await this.revokeFamily(record.grant.familyId);
      return refused(
        `The refresh token was already exchanged at ${iso(record.rotatedAt)}, more than the reuse interval (leeway ${policy.leewayMs / 1000} s) ago: every token of its family is now revoked.`,
      );
    }
    return { status: "ok", grant: record.grant };
  }

  /** Uses the token after a successful exchange: a rotating one gets its successor, a non-rotating one none. */
  async exchange(token: string, clientId: string): Promise<{ status: "ok"; token?: string } | { status: "refused"; reason: string }> {
    const checked = await this.check(token, clientId);
    if (checked.status === "refused") return checked;
    const hash = hashOf(token);
    const record = this.records.get(hash);
    if (!record) return refused("The refresh token was revoked.");
    const now = this.now();
    record.lastActiveAt = now;
    if (!record.policy.rotating) {
      await this.record({ put: [record] });
      return { status: "ok" };
    }
    record.rotatedAt ??= now;
    const parent = record.parentHash === undefined ? undefined : this.records.get(record.parentHash);
    if (parent) parent.supersededAt ??= now;
    const { id: _id, createdAt: _createdAt, ...grant } = record.grant;
    const touched = parent ? [parent, record] : [record];
    return { status: "ok", token: await this.put({ ...grant, id: randomUUID(), createdAt: now }, record.policy, hash, touched) };
  }

  /** `/oauth/revoke`: the token's family stops working; unknown tokens and other clients' are ignored (RFC 7009). */
  async revoke(token: string, clientId: string): Promise<void> {
    const record = this.records.get(hashOf(token));
    if (record && record.grant.clientId === clientId) await this.revokeFamily(record.grant.familyId);
  }

  async revokeFamily(familyId: string): Promise<void> {
    revokeIn(this.records, familyId);
    await this.record({ revokeFamily: familyId });
  }

  /** Waits for pending writes and folds the journal into `refresh-tokens.json`. */
  async close(): Promise<void> {
    if (this.journal.length > 0) await this.compact();
    await this.journal.close();
  }

  /**
   * The token is handed out only once it is on disk, so that a crash never loses a token an app holds; `touched` are
   * the other tokens the same change updated, written in the same line.
   */
  private async put(grant: RefreshGrant, policy: Policy, parentHash?: string, touched: RefreshRecord[] = [], forget: string[] = []): Promise<string> {
    this.sweep();
    const token = randomBytes(32).toString("base64url");
    const hash = hashOf(token);
    const record: RefreshRecord = { hash, grant, policy, lastActiveAt: this.now(), revoked: false, ...(parentHash === undefined ? {} : { parentHash }) };
    this.records.set(hash, record);
    await this.record({ put: [...touched, record], ...(forget.length > 0 ? { forget } : {}) });
    return token;
  }

  /** The user's active families for the client beyond those one more leaves room for, oldest login first. */
  private oldestPastLimit(userId: string, clientId: string): string[] {
    const now = this.now();
    const loginOf = new Map<string, number>();
    for (const record of this.records.values()) {
      const { grant } = record;
      if (grant.clientId !== clientId || grant.authentication.userId !== userId || record.revoked || expired(record, now)) continue;
      const known = loginOf.get(grant.familyId);
      if (known === undefined || grant.createdAt < known) loginOf.set(grant.familyId, grant.createdAt);
    }
    const excess = loginOf.size - (MAX_ACTIVE_TOKENS_PER_USER_AND_CLIENT - 1);
    if (excess <= 0) return [];
    return [...loginOf].sort(([, a], [, b]) => a - b).slice(0, excess).map(([familyId]) => familyId);
  }

  private record(change: RefreshChange): Promise<void> {
    return this.journal.appendAndCompactWhenOutgrown(change, this.records.size, () => this.writeSnapshot());
  }

  private compact(): Promise<void> {
    return this.journal.compact(() => this.writeSnapshot());
  }

  /** The snapshot is serialised when `save` is called, so it holds every change appended before; expired tokens are left out. */
  private writeSnapshot(): Promise<void> {
    const now = this.now();
    return this.snapshot.save({ tokens: [...this.records.values()].filter((record) => !expired(record, now)) });
  }

  /** At most once a minute: forgets tokens past their absolute or idle expiry (revoked ones keep answering "revoked"). */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [hash, record] of this.records) if (expired(record, now)) this.records.delete(hash);
  }
}

function revokeIn(records: Map<string, RefreshRecord>, familyId: string): void {
  for (const record of records.values()) if (record.grant.familyId === familyId) record.revoked = true;
}

function forgetIn(records: Map<string, RefreshRecord>, familyId: string): void {
  for (const [hash, record] of records) if (record.grant.familyId === familyId) records.delete(hash);
}

function expired({ policy, lastActiveAt }: RefreshRecord, now: number): boolean {
  const idleEnd = policy.idleMs === undefined ? Infinity : lastActiveAt + policy.idleMs;
  return now >= Math.min(policy.expiresAt ?? Infinity, idleEnd);
}

/** Tokens are 256 random bits: a plain SHA-256 cannot be reversed or guessed, so no salt or slow hash is needed. */
function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
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
