import { ManagementClient } from "auth0";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { sdkFailure } from "../../../tests/support/management-api";
import { startAuthorization, submitPassword, tokenRequest } from "../../../tests/support/oidc-login";
import { trustLocalTenant } from "../tls/trust-local-tenant";
import { readTrustedCertificate } from "../tls/certificate";

let tenant: TestTenant;
let sdk: ManagementClient;
let untrust: () => Promise<void>;

beforeAll(async () => {
  tenant = await startTestTenant({ tlsPort: 0, buildDelayMs: 50 });
  const domain = tenant.managementDomain ?? "";
  untrust = trustLocalTenant({ origin: `https://${domain}`, certificate: (await readTrustedCertificate(tenant.dataDir)) ?? "" });
  sdk = new ManagementClient({
    domain,
    clientId: tenant.managementClient.client_id,
    clientSecret: tenant.managementClient.client_secret,
    maxRetries: 0,
  });
});
afterAll(async () => {
  await untrust();
  await tenant.stop();
});

async function loginAttempt(app: Awaited<ReturnType<typeof registerWebApp>>, email: string, password: string, http = new HttpClient()) {
  const started = await startAuthorization(http, app);
  if (started.landing.kind !== "page") throw new Error("expected the login page");
  return submitPassword(http, app, started.landing.response, { email, password });
}

describe("users through the auth0 SDK", () => {
  it("lists and searches users by email, user_id, app_metadata, NOT and wildcards, with paging", async () => {
    const alice = await sdk.users.create({ connection: "Username-Password-Authentication", email: "alice@corp.example", password: "password-123", app_metadata: { plan: "gold" } });
    const bob = await sdk.users.create({ connection: "Username-Password-Authentication", email: "bob@corp.example", password: "password-123", app_metadata: { plan: "free" } });
    const search = async (q: string) => (await sdk.users.list({ q, search_engine: "v3" })).data.map((user) => user.email).sort();
    expect(await search('email:"alice@corp.example"')).toEqual(["alice@corp.example"]);
    expect(await search(`user_id:"${bob.user_id}"`)).toEqual(["bob@corp.example"]);
    expect(await search("app_metadata.plan:gold")).toEqual(["alice@corp.example"]);
    expect(await search("email:*@corp.example")).toEqual(["alice@corp.example", "bob@corp.example"]);
    expect(await search("email:*@corp.example AND NOT app_metadata.plan:gold")).toEqual(["bob@corp.example"]);
    expect(await search("app_metadata.plan:gold OR app_metadata.plan:free")).toEqual(["alice@corp.example", "bob@corp.example"]);

    const firstPage = await sdk.users.list({ q: "email:*@corp.example", per_page: 1, page: 0, include_totals: true });
    expect(firstPage.data).toHaveLength(1);
    expect((firstPage.response as { total?: number }).total).toBe(2);
    const refused = await sdkFailure(sdk.users.list({ q: "email:[a TO z]" }));
    expect(refused).toMatchObject({ statusCode: 400, body: { errorCode: "invalid_query_string" } });

    expect((await sdk.users.listUsersByEmail({ email: "ALICE@corp.example" })).map((user) => user.user_id)).toEqual([alice.user_id]);
  });

  it("patches Auth0's root attributes, and a blocked user cannot log in", async () => {
    const user = await sdk.users.create({ connection: "Username-Password-Authentication", email: "carol@corp.example", password: "password-123" });
    const patched = await sdk.users.update(user.user_id ?? "", { given_name: "Carol", family_name: "Jones", name: "Carol Jones", nickname: "cj", email_verified: true, picture: "https://example.com/c.png" });
    expect(patched).toMatchObject({ given_name: "Carol", family_name: "Jones", name: "Carol Jones", nickname: "cj", email_verified: true, picture: "https://example.com/c.png" });
    const app = await registerWebApp(tenant);
    const signedIn = new HttpClient();
    expect((await loginAttempt(app, "carol@corp.example", "password-123", signedIn)).kind).toBe("callback");

    expect(await sdk.users.update(user.user_id ?? "", { blocked: true })).toMatchObject({ blocked: true });
    const landing = await loginAttempt(app, "carol@corp.example", "password-123");
    if (landing.kind !== "callback") throw new Error(`expected the app's callback, got ${landing.kind}`);
    expect(landing.params).toMatchObject({ error: "unauthorized", error_description: "user is blocked" });
    // The browser that still holds a tenant session gets the same answer instead of single sign-on.
    const sso = await startAuthorization(signedIn, app);
    if (sso.landing.kind !== "callback") throw new Error(`expected the app's callback, got ${sso.landing.kind}`);
    expect(sso.landing.params).toMatchObject({ error: "unauthorized", error_description: "user is blocked" });
  });

  it("keeps the log of logins and failures with Auth0's event types", async () => {
    const user = await sdk.users.create({ connection: "Username-Password-Authentication", email: "dave@corp.example", password: "password-123" });
    const app = await registerWebApp(tenant);
    await loginAttempt(app, "dave@corp.example", "wrong-password");
    await loginAttempt(app, "nobody@corp.example", "password-123");
    await loginAttempt(app, "dave@corp.example", "password-123");
    const userLogs = (await sdk.users.logs.list(user.user_id ?? "")).data;
    expect(userLogs.map((event) => event.type)).toEqual(["s", "fp"]);
    expect(userLogs[0]).toMatchObject({ client_id: app.clientId, user_name: "dave@corp.example", connection: "Username-Password-Authentication", strategy: "auth0" });
    const failed = (await sdk.logs.list({ search: "type:fu" })).data;
    expect(failed.map((event) => event.user_name)).toContain("nobody@corp.example");
    const one = await sdk.logs.get(userLogs[0]?.log_id ?? "");
    expect(one.type).toBe("s");
  });
});

describe("roles through the auth0 SDK", () => {
  it("lists the roles users already hold, creates and gets roles, and assigns and removes a user's roles", async () => {
    const roles = (await sdk.roles.list()).data;
    const admin = roles.find((role) => role.name === "admin");
    expect(admin?.id).toMatch(/^rol_/);
    const editor = await sdk.roles.create({ name: "editor", description: "Edits content" });
    expect(await sdk.roles.get(editor.id ?? "")).toMatchObject({ name: "editor", description: "Edits content" });
    expect((await sdkFailure(sdk.roles.create({ name: "editor" }))).statusCode).toBe(409);

    const user = await sdk.users.create({ connection: "Username-Password-Authentication", email: "erin@corp.example", password: "password-123" });
    const id = user.user_id ?? "";
    await sdk.users.roles.assign(id, { roles: [editor.id ?? "", admin?.id ?? ""] });
    expect((await sdk.users.roles.list(id)).data.map((role) => role.name).sort()).toEqual(["admin", "editor"]);
    await sdk.users.roles.delete(id, { roles: [admin?.id ?? ""] });
    expect((await sdk.users.roles.list(id)).data.map((role) => role.name)).toEqual(["editor"]);
    expect((await sdk.users.get(id)).app_metadata).toEqual({});
  });
});

describe("clients, resource servers and Actions through the auth0 SDK", () => {
  it("keeps Auth0's client fields, merges client_metadata with null deleting a key, rotates the secret, lists enabled connections", async () => {
    const created = await sdk.clients.create({
      name: "Kept fields",
      app_type: "non_interactive",
      jwt_configuration: { alg: "RS256", lifetime_in_seconds: 600 },
      refresh_token: { rotation_type: "rotating", expiration_type: "expiring", token_lifetime: 3600, idle_token_lifetime: 1800, leeway: 0 },
      client_metadata: { a: "1", b: "2" },
    });
    const id = created.client_id ?? "";
    const read = await sdk.clients.get(id);
    expect(read).toMatchObject({ jwt_configuration: { alg: "RS256", lifetime_in_seconds: 600 }, refresh_token: { rotation_type: "rotating" }, is_first_party: true });
    const merged = await sdk.clients.update(id, { client_metadata: { b: null as unknown as string, c: "3" } });
    expect(merged.client_metadata).toEqual({ a: "1", c: "3" });

    await tenant.management.expect(201, "POST", "client-grants", { client_id: id, audience: `${tenant.issuer}api/v2/`, scope: ["read:users"] });
    const rotated = await sdk.clients.rotateSecret(id);
    expect(rotated.client_secret).not.toBe(created.client_secret);
    const http = new HttpClient();
    const machine = (secret: string) => ({ issuer: tenant.issuer, clientId: id, clientSecret: secret, redirectUri: "http://unused.invalid/" });
    const grant = { grant_type: "client_credentials", audience: `${tenant.issuer}api/v2/` };
    expect((await tokenRequest(http, machine(created.client_secret ?? ""), grant)).status).toBe(401);
    expect((await tokenRequest(http, machine(rotated.client_secret ?? ""), grant)).status).toBe(200);

    const connections = await sdk.clients.connections.get(id);
    expect(connections.data.map((connection) => connection.name)).toEqual(["Username-Password-Authentication"]);
  });

  it("lists the system Auth0 Management API and deletes a resource server with its grants", async () => {
    const listed = (await sdk.resourceServers.list()).data;
    expect(listed[0]).toMatchObject({ name: "Auth0 Management API", is_system: true, identifier: `https://${tenant.managementDomain}/api/v2/` });
    const api = await sdk.resourceServers.create({ identifier: "urn:example:deletable", scopes: [{ value: "read:things" }] });
    await sdk.resourceServers.delete(api.id ?? "");
    expect((await sdkFailure(sdk.resourceServers.get(api.id ?? ""))).statusCode).toBe(404);
    expect((await sdkFailure(sdk.resourceServers.delete(listed[0]?.id ?? ""))).statusCode).toBe(400);
  });

  it("lists triggers, lists and gets versions, rolls back, and tests an Action", async () => {
    expect((await sdk.actions.triggers.list()).triggers?.map((trigger) => trigger.id)).toContain("post-login");
    const v1Code = `exports.onExecutePostLogin = async (event, api) => { console.log("v1 for", event.user.email); api.idToken.setCustomClaim("https://example.com/v", 1); };`;
    const action = await sdk.actions.create({ name: "Versioned", supported_triggers: [{ id: "post-login", version: "v3" }], code: v1Code });
    const id = action.id ?? "";
    const waitBuilt = async () => {
      for (let attempt = 0; attempt < 100 && (await sdk.actions.get(id)).status !== "built"; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await waitBuilt();
    const v1 = await sdk.actions.deploy(id);
    await sdk.actions.update(id, { code: v1Code.replace("1)", "2)") });
    await waitBuilt();
    await sdk.actions.deploy(id);
    const versions = (await sdk.actions.versions.list(id)).data;
    expect(versions.map((version) => version.number)).toEqual([2, 1]);
    expect((await sdk.actions.versions.get(id, v1.id ?? "")).code).toBe(v1Code);
    const rolledBack = await sdk.actions.versions.deploy(id, v1.id ?? "");
    expect(rolledBack).toMatchObject({ number: 3, code: v1Code, deployed: true });
    expect((await sdk.actions.get(id)).deployed_version?.code).toBe(v1Code);

    const tested = await sdk.actions.test(id, { payload: { user: { email: "tester@example.com" } } });
    expect(String((tested.payload as { logs?: string }).logs)).toContain("v1 for tester@example.com");
  });

  it("answers an endpoint it does not emulate with a 501 that says so", async () => {
    const refused = await sdkFailure(sdk.rules.create({ name: "r", script: "function (user, context, cb) { cb(null, user, context); }" }));
    expect(refused.statusCode).toBe(501);
    expect(refused.body).toMatchObject({ statusCode: 501, errorCode: "not_emulated", message: expect.stringContaining("does not emulate POST /api/v2/rules") });
  });
});
