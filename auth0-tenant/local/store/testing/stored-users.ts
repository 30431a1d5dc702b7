import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hashPassword } from "../password";
import type { StoredUser } from "../users";

/**
 * Writes `users.json` into `dataDir` as earlier versions of the tenant did (the whole store in one file), with
 * `count` users `user-N@example.com` who all have the password `password` (hashed once: seeding stays fast).
 */
export async function writeUsersFile(dataDir: string, count: number, password = "stored-password-1"): Promise<StoredUser[]> {
  const passwordHash = await hashPassword(password);
  const users = Array.from({ length: count }, (_, index): StoredUser => ({
    user_id: `auth0|${index.toString(16).padStart(24, "0")}`,
    email: `user-${index}@example.com`,
    email_verified: false,
    name: `user-${index}@example.com`,
    nickname: `user-${index}`,
    picture: "https://s.gravatar.com/avatar/x",
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    app_metadata: { termsAcceptanceHistory: [{ version: 1, acceptedAt: "2026-01-01T00:00:00.000Z" }] },
    user_metadata: { favorite_color: "blue" },
    identities: [{ connection: "Username-Password-Authentication", provider: "auth0", user_id: index.toString(16), isSocial: false }],
    roles: [],
    groups: [],
    logins_count: 1,
    password_hash: passwordHash,
  }));
  await writeFile(join(dataDir, "users.json"), `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  return users;
}
