import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { TenantUser, UserMetadataPatch } from "../actions-runtime/types";
import { TenantError } from "../errors";
import { JsonFile } from "./json-file";
import { Journal } from "./journal";
import { mergeMetadata } from "./metadata-merge";
import { hashPassword, spendPasswordCheck, verifyPassword } from "./password";

export const DATABASE_CONNECTION = "Username-Password-Authentication";

/** A user as persisted: the Actions-visible `TenantUser` plus what only the tenant sees. */
export interface StoredUser extends TenantUser {
  password_hash: string;
  given_name?: string;
  family_name?: string;
  blocked?: boolean;
  last_login?: string;
  last_ip?: string;
}

export interface NewUser {
  email: string;
  password: string;
  email_verified?: boolean;
  name?: string;
  nickname?: string;
  picture?: string;
  given_name?: string;
  family_name?: string;
  /** An administrator's block (`PATCH /api/v2/users/{id}` with `blocked: true`): the user cannot log in. */
  blocked?: boolean;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  roles?: string[];
  groups?: string[];
}

/** Root attributes replace; metadata given here is the complete new value (callers merge first). */
export type UserChanges = Partial<Omit<NewUser, "password">> & { password?: string };

const metadata = z.record(z.string(), z.unknown());
const storedUserSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  email_verified: z.boolean(),
  name: z.string(),
  nickname: z.string(),
  picture: z.string(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  blocked: z.boolean().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  app_metadata: metadata,
  user_metadata: metadata,
  identities: z.array(
    z.object({ connection: z.string(), provider: z.string(), user_id: z.string(), isSocial: z.boolean() }),
  ),
  multifactor: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  logins_count: z.number().int().nonnegative(),
  password_hash: z.string(),
  last_login: z.string().optional(),
  last_ip: z.string().optional(),
});
const fileSchema = z.object({ users: z.array(storedUserSchema) });
/** A line of `users.journal`: a user's whole new record, or its removal. */
const changeSchema = z.union([z.strictObject({ put: storedUserSchema }), z.strictObject({ delete: z.string() })]);
type UserChange = z.infer<typeof changeSchema>;

/**
 * The tenant's users, in memory and indexed by id and email. On disk: `users.json`, a snapshot (the file of earlier
 * versions, read as is), and `users.journal`, the changes since, one line each. A change appends one line (the
 * user's new record) instead of rewriting every user, so a login costs the same with 10 users or 100,000; the
 * journal is folded into the snapshot at start, at close, and whenever it outgrows the snapshot (a cost in
 * proportion to the users, paid once per as many changes: constant per change on average).
 */
export class UserStore {
  private readonly byEmail = new Map<string, StoredUser>();

  private constructor(
    private readonly snapshot: JsonFile<z.infer<typeof fileSchema>>,
    private readonly journal: Journal<UserChange>,
    private readonly byId: Map<string, StoredUser>,
    private readonly now: () => number,
  ) {
    for (const user of byId.values()) this.byEmail.set(user.email, user);
  }

  static async open(dataDir: string, now: () => number): Promise<UserStore> {
    const snapshot = new JsonFile(join(dataDir, "users.json"), fileSchema);
    const journal = new Journal(join(dataDir, "users.journal"), changeSchema);
    const users = new Map(((await snapshot.load())?.users ?? []).map((user) => [user.user_id, user]));
    for (const change of await journal.load()) {
      if ("put" in change) users.set(change.put.user_id, change.put);
      else users.delete(change.delete);
    }
    const store = new UserStore(snapshot, journal, users, now);
    if (journal.length > 0) await store.compact();
    return store;
  }

  list(): StoredUser[] {
    return [...this.byId.values()];
  }

  findById(userId: string): StoredUser | undefined {
    return this.byId.get(userId);
  }

  findByEmail(email: string): StoredUser | undefined {
    return this.byEmail.get(normaliseEmail(email));
  }

  /** Throws `user_exists` (409) when the email is taken. */
  async create(input: NewUser): Promise<StoredUser> {
    const email = normaliseEmail(input.email);
    if (this.findByEmail(email)) throw new TenantError("user_exists", "The user already exists.", 409);
    const id = randomBytes(12).toString("hex");
    const timestamp = this.isoNow();
    const user: StoredUser = {
      user_id: `auth0|${id}`,
      email,
      email_verified: input.email_verified ?? false,
      name: input.name ?? email,
      nickname: input.nickname ?? email.split("@")[0] ?? email,
      picture: input.picture ?? gravatarUrl(email),
      created_at: timestamp,
      updated_at: timestamp,
      app_metadata: input.app_metadata ?? {},
      user_metadata: input.user_metadata ?? {},
      identities: [{ connection: DATABASE_CONNECTION, provider: "auth0", user_id: id, isSocial: false }],
      roles: input.roles ?? [],
      groups: input.groups ?? [],
      logins_count: 0,
      password_hash: await hashPassword(input.password),
    };
    // Again: another sign-up may have taken the email while the password was hashed.
    if (this.findByEmail(email)) throw new TenantError("user_exists", "The user already exists.", 409);
    this.byId.set(user.user_id, user);
    this.byEmail.set(email, user);
    await this.persist(user);
    return user;
  }

  /** The user whose email and password match, or `undefined`; the same work is spent either way. */
  async authenticate(email: string, password: string): Promise<StoredUser | undefined> {
    const user = this.findByEmail(email);
    if (!user) {
      await spendPasswordCheck(password);
      return undefined;
    }
    return (await verifyPassword(password, user.password_hash)) ? user : undefined;
  }

  async update(userId: string, changes: UserChanges): Promise<StoredUser> {
    const user = this.require(userId);
    if (changes.email !== undefined) {
      const email = normaliseEmail(changes.email);
      const owner = this.findByEmail(email);
      if (owner && owner.user_id !== userId) throw new TenantError("user_exists", "The user already exists.", 409);
      this.byEmail.delete(user.email);
      user.email = email;
      this.byEmail.set(email, user);
    }
    const { password, email: _email, ...rest } = changes;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) Object.assign(user, { [key]: value });
    }
    if (password !== undefined) user.password_hash = await hashPassword(password);
    user.updated_at = this.isoNow();
    await this.persist(user);
    return user;
  }

  /** Metadata writes queued by Actions: first-level merge, `null` deletes; an empty patch writes nothing. */
  async applyMetadataPatch(userId: string, patch: UserMetadataPatch): Promise<void> {
    const user = this.findById(userId);
    const hasApp = patch.app_metadata && Object.keys(patch.app_metadata).length > 0;
    const hasUser = patch.user_metadata && Object.keys(patch.user_metadata).length > 0;
    if (!user || (!hasApp && !hasUser)) return;
    if (hasApp) user.app_metadata = mergeMetadata(user.app_metadata, patch.app_metadata ?? {});
    if (hasUser) user.user_metadata = mergeMetadata(user.user_metadata, patch.user_metadata ?? {});
    user.updated_at = this.isoNow();
    await this.persist(user);
  }

  async recordLogin(userId: string, ip: string): Promise<StoredUser> {
    const user = this.require(userId);
    user.logins_count += 1;
    user.last_login = this.isoNow();
    user.last_ip = ip;
    await this.persist(user);
    return user;
  }

  async delete(userId: string): Promise<boolean> {
    const user = this.byId.get(userId);
    if (!user) return false;
    this.byId.delete(userId);
    this.byEmail.delete(user.email);
    await this.record({ delete: userId });
    return true;
  }

  /** Waits for pending writes and folds the journal into `users.json`, so that the folder reads whole without it. */
  async close(): Promise<void> {
    if (this.journal.length > 0) await this.compact();
    await this.journal.close();
  }

  private require(userId: string): StoredUser {
    const user = this.findById(userId);
    if (!user) throw new TenantError("inexistent_user", "The user does not exist.", 404);
    return user;
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  private persist(user: StoredUser): Promise<void> {
    return this.record({ put: user });
  }

  private record(change: UserChange): Promise<void> {
    return this.journal.appendAndCompactWhenOutgrown(change, this.byId.size, () => this.writeSnapshot());
  }

  private compact(): Promise<void> {
    return this.journal.compact(() => this.writeSnapshot());
  }

  /** `JsonFile.save` serialises when called: the snapshot holds every change appended before it. */
  private writeSnapshot(): Promise<void> {
    return this.snapshot.save({ users: this.list() });
  }
}

/** The user as the Management API shows it: everything but the password hash. */
export function publicUser(user: StoredUser): Omit<StoredUser, "password_hash"> {
  const { password_hash: _hash, ...rest } = user;
  return structuredClone(rest);
}

/** The user as the Actions runtime receives it: exactly the `TenantUser` contract. */
export function actionsUser(user: StoredUser): TenantUser {
  const { password_hash: _hash, last_login: _login, last_ip: _ip, ...rest } = user;
  return structuredClone(rest);
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Auth0's default picture; only a string here, the tenant never fetches it. */
function gravatarUrl(email: string): string {
  const digest = createHash("md5").update(email).digest("hex");
  const initials = email.slice(0, 2).toLowerCase();
  return `https://s.gravatar.com/avatar/${digest}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F${initials}.png`;
}
