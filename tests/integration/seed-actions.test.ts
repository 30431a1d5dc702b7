import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteKeySet } from "../../lib/api-auth/remote-jwks";
import { openBusinessDataStore, type BusinessDataStore } from "../../lib/business-data/business-data-store";
import { createUsersApi } from "../../lib/business-data/users-api";
import { IN_MEMORY_LEDGER } from "../../lib/config";
import { openPgliteDatabase } from "../../lib/database/pglite-database";
import { HttpClient } from "../support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../support/local-tenant";
import { loginWithPassword, type OidcClient } from "../support/oidc-login";
import { serveFetchHandler, type FetchHandlerServer } from "../support/serve-fetch-handler";

/**
 * The seeds' two Actions, as their authors wrote them, with their npm dependencies installed by the local tenant
 * from the registry (cached in .data/local-tenant-deps across runs), run in a real login: seed 001 reads the user's
 * groups with the `auth0` v2 SDK, seed 003 gets a token with axios and calls the product's business-data API (the
 * app's `/api/users/{email}` handler, on loopback). Both reach the tenant at `https://localhost:TLS_PORT`: the
 * Actions runtime trusts the tenant's own certificate, and this test process trusts nothing.
 */
const GROUPS_CLAIM = "https://www.willianantunes.com/ad/groups";
const BUSINESS_CLAIM = "http://test.org/extra_info";
const SEED_BACKEND = "http://2adff678f535.ngrok.io";
const fixture = (name: string) => readFile(new URL(`./seed-actions/${name}`, import.meta.url), "utf8");

let tenant: TestTenant;
let store: BusinessDataStore;
let backend: FetchHandlerServer;
let app: OidcClient;
const buildTimes: Record<string, number> = {};

/** An M2M application granted `scopes` on `audience`. */
async function machineClient(name: string, audience: string, scopes: string[]) {
  const client = await tenant.management.expect<{ client_id: string; client_secret: string }>(201, "POST", "clients", {
    name,
    app_type: "non_interactive",
    grant_types: ["client_credentials"],
  });
  await tenant.management.expect(201, "POST", "client-grants", { client_id: client.client_id, audience, scope: scopes });
  return client;
}

async function deploy(name: string, code: string, dependencies: Array<{ name: string; version: string }>, secrets: Record<string, string>) {
  const started = performance.now();
  const action = await tenant.management.expect<{ id: string }>(201, "POST", "actions/actions", {
    name,
    supported_triggers: [{ id: "post-login", version: "v3" }],
    code,
    dependencies,
    runtime: "node22",
    secrets: Object.entries(secrets).map(([secret, value]) => ({ name: secret, value })),
  });
  await tenant.management.waitUntilBuilt(action.id, 300_000);
  buildTimes[name] = Math.round(performance.now() - started);
  await tenant.management.expect(200, "POST", `actions/actions/${action.id}/deploy`);
  return action.id;
}

beforeAll(async () => {
  tenant = await startTestTenant({ tlsPort: 0 });
  const domain = tenant.managementDomain ?? "";
  store = openBusinessDataStore({ open: () => openPgliteDatabase({ dataDir: IN_MEMORY_LEDGER }), timeoutMs: 10_000 });
  await store.prepare();
  backend = await serveFetchHandler(
    createUsersApi({
      store,
      accessTokens: {
        issuer: tenant.issuer,
        audience: "http://PostLoginApi",
        keys: remoteKeySet(new URL(".well-known/jwks.json", tenant.issuer).href),
        rolesClaim: "http://test.org/roles",
      },
    }),
  );
  await tenant.management.expect(201, "POST", "resource-servers", {
    name: "PostLoginApi",
    identifier: "http://PostLoginApi",
    scopes: [{ value: "read:users", description: "Read business data" }],
  });
  const managementAudience = `https://${domain}/api/v2/`;
  const groupsReader = await machineClient("Enrich JWT with Groups from AD", managementAudience, ["read:users"]);
  const businessReader = await machineClient("PostLoginApi reader", "http://PostLoginApi", ["read:users"]);

  const seed001 = await deploy("Enrich JWT with Groups from AD", await fixture("add-claims-to-jwt.js"), [{ name: "auth0", version: "2.40.0" }], {
    TENANT: domain,
    AUDIENCE: managementAudience,
    APP_CLIENT_ID: groupsReader.client_id,
    APP_CLIENT_SECRET: groupsReader.client_secret,
  });
  const seed003 = await deploy(
    "Enrich tokens with business data",
    (await fixture("business-data.js")).replace(SEED_BACKEND, backend.url),
    [{ name: "axios", version: "1.7.9" }],
    { auth0_domain: domain, client_id: businessReader.client_id, client_secret: businessReader.client_secret },
  );
  await tenant.management.bindPostLogin([seed001, seed003]);
  app = await registerWebApp(tenant);
}, 600_000);

afterAll(async () => {
  console.info(`builds (create to built): ${JSON.stringify(buildTimes)} ms`);
  await backend?.close();
  await store?.close();
  await tenant?.stop();
});

describe("the seeds' Actions in a login", () => {
  it("set their claims: the groups read by the auth0 SDK, the business data fetched with axios", async () => {
    const { tokens } = await loginWithPassword(new HttpClient(), app, tenant.demoUser);
    expect(decodeJwt(tokens.id_token ?? "")).toMatchObject({
      [GROUPS_CLAIM]: ["engineering", "staff"],
      [BUSINESS_CLAIM]: { email: tenant.demoUser.email, plan: "enterprise", company: "Example Corp", seats: 25 },
    });
    expect(backend.requests).toContain(`GET /api/users/${tenant.demoUser.email}`);
  });

  it("reach the tenant over https without this process trusting its certificate", async () => {
    const failure = await fetch(`https://${tenant.managementDomain}/oauth/token`, { method: "POST" }).then(
      () => "accepted",
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(failure).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });
});
