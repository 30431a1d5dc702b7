import { PRODUCT_API } from "../../contract/product-api";
import path from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSINESS_DATA_CLIENT_KEY, GROUPS_CLIENT_KEY, desiredState } from "../../auth0-tenant/tenant/desired-state";
import type { TokenStatsSnapshot } from "../../auth0-tenant/local/state/token-stats";
import { envFileValues, readEnvFile } from "../../auth0-tenant/sync/env-file";
import { syncTenant } from "../../auth0-tenant/sync/sync-tenant";
import { remoteKeySet } from "../../lib/api-auth/remote-jwks";
import { openBusinessDataStore, type BusinessDataStore } from "../../lib/business-data/business-data-store";
import { createUsersApi } from "../../lib/business-data/users-api";
import { IN_MEMORY_LEDGER } from "../../lib/config";
import { openPgliteDatabase } from "../../lib/database/pglite-database";
import { HttpClient } from "../support/http-client";
import { startTestTenant, syncTargetOf, type TestTenant } from "../support/local-tenant";
import { loginWithPassword, type OidcClient } from "../support/oidc-login";
import { serveFetchHandler, type FetchHandlerServer } from "../support/serve-fetch-handler";

/**
 * The claim Actions run on every login, so they must not mint a token each time. The real local tenant, configured
 * by the real sync, runs the deployed bundles; the app's business-data API is the `lib/` handler of the route, on
 * loopback. The tokens are counted by the tenant (`/local/stats/tokens`), not by the Actions.
 */
const NAMESPACE = "https://product-xyz.example/";
const TERMS_VERSION = 2;
const LOGINS = 100;

let tenant: TestTenant;
let store: BusinessDataStore;
let api: FetchHandlerServer;
let app: OidcClient;
let clientIds: Record<string, string>;

async function tokenStats(): Promise<TokenStatsSnapshot> {
  const response = await fetch(new URL("local/stats/tokens", tenant.issuer));
  return (await response.json()) as TokenStatsSnapshot;
}

const minted = (stats: TokenStatsSnapshot, clientKey: string, audience: string) =>
  stats.by_client[clientIds[clientKey] ?? ""]?.by_audience[audience] ?? 0;

beforeAll(async () => {
  tenant = await startTestTenant({ tlsPort: 0 });
  store = openBusinessDataStore({ open: () => openPgliteDatabase({ dataDir: IN_MEMORY_LEDGER }), timeoutMs: 10_000 });
  await store.prepare();
  api = await serveFetchHandler(
    createUsersApi({
      store,
      accessTokens: {
        issuer: tenant.issuer,
        audience: PRODUCT_API.identifier,
        keys: remoteKeySet(new URL(".well-known/jwks.json", tenant.issuer).href),
        rolesClaim: `${NAMESPACE}roles`,
      },
    }),
  );
  const target = await syncTargetOf(tenant);
  const envFile = path.join(tenant.dataDir, ".env.local");
  await syncTenant({
    target,
    desired: desiredState({
      appBaseUrl: api.url,
      tenantUrl: target.tenantUrl,
      claimNamespace: NAMESPACE,
      redirectTokenSecret: "r".repeat(64),
      termsVersion: TERMS_VERSION,
    }),
    mode: "apply",
    output: { write: () => true },
    stateDir: path.join(tenant.dataDir, "tenant-sync"),
    envFile,
    buildWait: { initialDelayMs: 10, maxDelayMs: 100 },
  });
  const written = envFileValues(await readEnvFile(envFile));
  app = {
    issuer: tenant.issuer,
    clientId: written.get("AUTH0_CLIENT_ID") ?? "",
    clientSecret: written.get("AUTH0_CLIENT_SECRET") ?? "",
    redirectUri: `${api.url}/auth/callback`,
  };
  const clients = await tenant.management.expect<Array<{ client_id: string; client_metadata?: Record<string, string> }>>(200, "GET", "clients");
  clientIds = Object.fromEntries(clients.flatMap((client) => (client.client_metadata?.tenant_sync_key ? [[client.client_metadata.tenant_sync_key, client.client_id]] : [])));
  // The demo user accepted the current terms and completed the profile already: every login goes straight through.
  const [demo] = await tenant.management.expect<Array<{ user_id: string }>>(200, "GET", `users-by-email?email=${encodeURIComponent(tenant.demoUser.email)}`);
  await tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(demo?.user_id ?? "")}`, {
    app_metadata: { termsAcceptanceHistory: [{ version: TERMS_VERSION, acceptedAt: "2026-01-01T00:00:00.000Z", clientId: app.clientId }] },
    user_metadata: { favorite_color: "blue" },
  });
});

afterAll(async () => {
  await api?.close();
  await store?.close();
  await tenant?.stop();
});

describe(`${LOGINS} consecutive logins of the demo user`, () => {
  it("each carry its groups, roles and business data, and mint at most one Management API token and one product API token", async () => {
    const before = await tokenStats();
    const managementApi = new URL("api/v2/", tenant.issuer).href;
    const http = new HttpClient();
    const started = performance.now();
    for (let login = 1; login <= LOGINS; login += 1) {
      const { tokens } = await loginWithPassword(http, app, tenant.demoUser);
      const claims = decodeJwt(tokens.id_token ?? "");
      expect(claims, `login ${login}`).toMatchObject({
        [`${NAMESPACE}groups`]: ["engineering", "staff"],
        [`${NAMESPACE}roles`]: ["admin"],
        [`${NAMESPACE}plan`]: "enterprise",
        [`${NAMESPACE}company`]: "Example Corp",
        [`${NAMESPACE}seats`]: 25,
        [`${NAMESPACE}terms_version`]: TERMS_VERSION,
      });
    }
    const elapsed = performance.now() - started;
    const after = await tokenStats();
    const managementTokens = minted(after, GROUPS_CLIENT_KEY, managementApi) - minted(before, GROUPS_CLIENT_KEY, managementApi);
    const productApiTokens =
      minted(after, BUSINESS_DATA_CLIENT_KEY, PRODUCT_API.identifier) - minted(before, BUSINESS_DATA_CLIENT_KEY, PRODUCT_API.identifier);
    console.info(
      `${LOGINS} logins in ${Math.round(elapsed)} ms: ${managementTokens} Management API token(s), ${productApiTokens} product API token(s), ` +
        `${api.requests.length} business-data API calls, ${after.total - before.total} access tokens in all`,
    );
    expect(managementTokens).toBe(1);
    expect(productApiTokens).toBe(1);
    expect(api.requests.filter((request) => request.startsWith("GET /api/users/"))).toHaveLength(LOGINS);
  });
});
