import type { TestTenant } from "../../support/local-tenant";

export interface StoredUser {
  user_id: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
}

/** The user as the tenant stores it, read through its Management API. */
export async function userByEmail(tenant: TestTenant, email: string): Promise<StoredUser> {
  const [user] = await tenant.management.expect<StoredUser[]>(200, "GET", `users-by-email?email=${encodeURIComponent(email)}`);
  if (!user) throw new Error(`no user ${email} on the tenant`);
  return user;
}
