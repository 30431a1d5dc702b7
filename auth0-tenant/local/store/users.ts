import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import type { TenantUser, UserMetadataPatch } from "../actions-runtime/types";
import { TenantError } from "../errors";
import { JsonFile } from "./json-file";
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

export class UserStore {
  private constructor(
    private readonly file: JsonFile<z.infer<typeof fileSchema>>,
    private readonly users: StoredUser[],
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number): Promise<UserStore> {
    const file = new JsonFile(join(dataDir, "users.json"), fileSchema);
    const data = await file.load();
    return new UserStore(file, data?.users ?? [], now);
  }

  list(): StoredUser[] {
    return [...this.users];
  }

  findById(userId: string): StoredUser | undefined {
    return this.users.find((user) => user.user_id === userId);
  }

  findByEmail(email: string): StoredUser | undefined {
    const wanted = normaliseEmail(email);
    return this.users.find((user) => user.email === wanted);
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
    this.users.push(user);
    await this.persist();
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
      user.email = email;
    }
    const { password, email: _email, ...rest } = changes;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) Object.assign(user, { [key]: value });
    }
    if (password !== undefined) user.password_hash = await hashPassword(password);
    user.updated_at = this.isoNow();
    await this.persist();
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
    await this.persist();
  }

  async recordLogin(userId: string, ip: string): Promise<StoredUser> {
    const user = this.require(userId);
    user.logins_count += 1;
    user.last_login = this.isoNow();
    user.last_ip = ip;
    await this.persist();
    return user;
  }

  async delete(userId: string): Promise<boolean> {
    const index = this.users.findIndex((user) => user.user_id === userId);
    if (index < 0) return false;
    this.users.splice(index, 1);
    await this.persist();
    return true;
  }

  private require(userId: string): StoredUser {
    const user = this.findById(userId);
    if (!user) throw new TenantError("inexistent_user", "The user does not exist.", 404);
    return user;
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  private persist(): Promise<void> {
    return this.file.save({ users: this.users });
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
