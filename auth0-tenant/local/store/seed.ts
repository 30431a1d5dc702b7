import type { ClientStore, StoredClient } from "./clients";
import { managementClientFile } from "./management-client";
import type { UserStore } from "./users";

/** Printed by the dev command so a developer can log in at once; a local-only credential by design. */
export const DEMO_USER = { email: "demo@example.com", password: "demo-password-1" } as const;

/** What the claim Actions find for the demo user: directory groups (Management API) and roles (`event.authorization`). */
export const DEMO_USER_DIRECTORY = { groups: ["engineering", "staff"], roles: ["admin"] } as const;

const MANAGEMENT_CLIENT_NAME = "Local tenant Management API client";

/** Created on a first start only: a demo user changed since (through the Management API) is left as it is. */
export async function ensureDemoUser(users: UserStore): Promise<void> {
  if (users.findByEmail(DEMO_USER.email)) return;
  await users.create({
    ...DEMO_USER,
    email_verified: true,
    name: "Demo User",
    nickname: "demo",
    groups: [...DEMO_USER_DIRECTORY.groups],
    roles: [...DEMO_USER_DIRECTORY.roles],
  });
}

/** The machine client allowed every Management API scope, created once and found again through its file. */
export async function ensureManagementClient(clients: ClientStore, dataDir: string): Promise<StoredClient> {
  const known = await managementClientFile(dataDir).load();
  const existing = known && clients.get(known.client_id);
  if (existing) return existing;
  return clients.create({
    name: MANAGEMENT_CLIENT_NAME,
    app_type: "non_interactive",
    grant_types: ["client_credentials"],
  });
}

/** Rewritten at every start: the issuer (and so the token endpoint) follows the port, and so does the TLS domain. */
export async function publishManagementClient(
  dataDir: string,
  client: StoredClient,
  issuer: string,
  managementDomain?: string,
): Promise<void> {
  await managementClientFile(dataDir).save({
    client_id: client.client_id,
    client_secret: client.client_secret,
    issuer,
    token_endpoint: `${issuer}oauth/token`,
    audience: `${issuer}api/v2/`,
    ...(managementDomain ? { management_domain: managementDomain } : {}),
  });
}
