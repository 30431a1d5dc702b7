import { PRODUCT_API } from "../../../contract/product-api";
import type { TestTenant } from "../../support/local-tenant";

export const API_AUDIENCE = PRODUCT_API.identifier;

/**
 * A compliance team's machine client, set up through the tenant's Management API as an administrator would: the
 * product API gains the `read:consents` scope and the client a grant for it. Returns a client-credentials token.
 */
export async function auditorToken(tenant: TestTenant): Promise<string> {
  const servers = await tenant.management.expect<Array<{ id: string; identifier: string; scopes: Array<{ value: string; description: string }> }>>(
    200,
    "GET",
    "resource-servers",
  );
  const api = servers.find((server) => server.identifier === API_AUDIENCE);
  if (!api) throw new Error(`the sync did not create ${API_AUDIENCE}`);
  if (!api.scopes.some((scope) => scope.value === "read:consents")) {
    await tenant.management.expect(200, "PATCH", `resource-servers/${api.id}`, {
      scopes: [...api.scopes, { value: "read:consents", description: "Read the consent ledger" }],
    });
  }
  const client = await tenant.management.expect<{ client_id: string; client_secret: string }>(201, "POST", "clients", {
    name: `Consent auditor ${Date.now()}`,
    app_type: "non_interactive",
    grant_types: ["client_credentials"],
  });
  await tenant.management.expect(201, "POST", "client-grants", { client_id: client.client_id, audience: API_AUDIENCE, scope: ["read:consents"] });
  const response = await fetch(new URL("oauth/token", tenant.issuer), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: client.client_id,
      client_secret: client.client_secret,
      audience: API_AUDIENCE,
    }),
  });
  if (!response.ok) throw new Error(`auditor token refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
