import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { loginWithPassword, tokenRequest } from "../../../tests/support/oidc-login";

let tenant: TestTenant;
const ok = `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://example.com/ok", true); };`;

beforeAll(async () => {
  tenant = await startTestTenant({ buildDelayMs: 150 });
});
afterAll(async () => {
  await tenant.stop();
});

describe("authentication and scopes", () => {
  it("requires a valid Management API token", async () => {
    const http = new HttpClient();
    const missing = await http.get(`${tenant.issuer}api/v2/actions/actions`);
    expect(missing.status).toBe(401);
    expect(missing.json()).toEqual({ statusCode: 401, error: "Unauthorized", message: "Missing authentication", errorCode: "missing_authentication" });
    const garbage = await tenant.management.call("GET", "actions/actions", undefined, "not-a-jwt");
    expect(garbage.status).toBe(401);

    // A user's access token has the /userinfo audience, not the Management API's.
    const app = await registerWebApp(tenant);
    const { tokens } = await loginWithPassword(new HttpClient(), app, tenant.demoUser);
    const userToken = await tenant.management.call("GET", "actions/actions", undefined, tokens.access_token);
    expect(userToken.status).toBe(401);
    expect(userToken.body).toMatchObject({ errorCode: "invalid_token", message: expect.stringContaining("audience") });
  });

  it("checks the scope of each endpoint", async () => {
    const readOnly = await tenant.management.fetchToken("read:actions");
    expect((await tenant.management.call("GET", "actions/actions", undefined, readOnly)).status).toBe(200);
    const create = await tenant.management.call("POST", "actions/actions", { name: "x", supported_triggers: [{ id: "post-login", version: "v3" }] }, readOnly);
    expect(create.status).toBe(403);
    expect(create.body).toEqual({
      statusCode: 403,
      error: "Forbidden",
      message: "Insufficient scope, expected any of: create:actions",
      errorCode: "insufficient_scope",
    });
  });

  it("grants client-credentials tokens only through client grants", async () => {
    const machine = await tenant.management.expect<{ client_id: string; client_secret: string }>(201, "POST", "clients", {
      name: "Machine",
      app_type: "non_interactive",
    });
    const client = { issuer: tenant.issuer, clientId: machine.client_id, clientSecret: machine.client_secret, redirectUri: "http://unused.invalid/" };
    const http = new HttpClient();
    const managementAudience = `${tenant.issuer}api/v2/`;
    const refused = await tokenRequest(http, client, { grant_type: "client_credentials", audience: managementAudience });
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ error: "access_denied", error_description: expect.stringContaining("client-grant") });

    await tenant.management.expect(201, "POST", "client-grants", { client_id: machine.client_id, audience: managementAudience, scope: ["read:users"] });
    const granted = await tokenRequest(http, client, { grant_type: "client_credentials", audience: managementAudience });
    expect(granted.json()).toMatchObject({ scope: "read:users", expires_in: 86400, token_type: "Bearer" });
    const tooMuch = await tokenRequest(http, client, { grant_type: "client_credentials", audience: managementAudience, scope: "read:users update:users" });
    expect(tooMuch.json()).toEqual({ error: "access_denied", error_description: "Client has not been granted scopes: update:users" });

    const api = await tenant.management.expect<{ identifier: string }>(201, "POST", "resource-servers", {
      identifier: "https://api.example.com",
      name: "Business API",
      scopes: [{ value: "read:data", description: "Read" }],
    });
    const undefinedScope = await tenant.management.call("POST", "client-grants", { client_id: machine.client_id, audience: api.identifier, scope: ["write:data"] });
    expect(undefinedScope.status).toBe(400);
    await tenant.management.expect(201, "POST", "client-grants", { client_id: machine.client_id, audience: api.identifier, scope: ["read:data"] });
    const apiToken = await tokenRequest(http, client, { grant_type: "client_credentials", audience: api.identifier });
    expect(apiToken.status).toBe(200);

    const stats = (await http.get(`${tenant.issuer}local/stats/tokens`)).json<{
      by_client: Record<string, { total: number; by_audience: Record<string, number> }>;
    }>();
    expect(stats.by_client[machine.client_id]).toMatchObject({ total: 2, by_audience: { [managementAudience]: 1, [api.identifier]: 1 } });
  });
});

describe("Actions", () => {
  it("builds, refuses to deploy before built, deploys, and never returns secret values", async () => {
    const created = await tenant.management.expect<Record<string, unknown> & { id: string }>(201, "POST", "actions/actions", {
      name: "lifecycle",
      supported_triggers: [{ id: "post-login", version: "v3" }],
      code: ok,
      secrets: [{ name: "API_KEY", value: "super-secret-value" }],
    });
    expect(created).toMatchObject({ status: "pending", all_changes_deployed: false, runtime: "node22" });
    expect(created.secrets).toEqual([{ name: "API_KEY", updated_at: expect.any(String) }]);

    const early = await tenant.management.call("POST", `actions/actions/${created.id}/deploy`);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ message: "A draft must be in the 'built' state before it can be deployed." });

    const unbound = await tenant.management.call("PATCH", "actions/triggers/post-login/bindings", {
      bindings: [{ ref: { type: "action_id", value: created.id } }],
    });
    expect(unbound.status).toBe(400);
    expect(unbound.body).toMatchObject({ message: "Trying to create a binding for an action that has not been deployed yet." });

    await tenant.management.waitUntilBuilt(created.id);
    const version = await tenant.management.expect<Record<string, unknown>>(200, "POST", `actions/actions/${created.id}/deploy`);
    expect(version).toMatchObject({ number: 1, deployed: true, status: "built" });

    const deployed = await tenant.management.call<Record<string, unknown>>("GET", `actions/actions/${created.id}`);
    expect(deployed.body).toMatchObject({ all_changes_deployed: true, deployed_version: { number: 1 } });
    expect(deployed.raw.text).not.toContain("super-secret-value");

    const patched = await tenant.management.expect<Record<string, unknown>>(200, "PATCH", `actions/actions/${created.id}`, {
      secrets: [{ name: "OTHER", value: "other-secret" }],
    });
    expect(patched).toMatchObject({ status: "pending", all_changes_deployed: false, deployed_version: { number: 1 } });
    expect(patched.secrets).toEqual([{ name: "OTHER", updated_at: expect.any(String) }]);
    expect(JSON.stringify(patched)).not.toContain("other-secret");

    const list = await tenant.management.call("GET", "actions/actions?actionName=lifecycle");
    expect(list.body).toMatchObject({ total: 1, actions: [{ id: created.id }] });
    expect(list.raw.text).not.toMatch(/super-secret-value|other-secret/);

    await tenant.management.bindPostLogin([created.id]);
    const bindings = await tenant.management.expect<{ bindings: Array<{ action: { id: string }; display_name: string }> }>(
      200,
      "GET",
      "actions/triggers/post-login/bindings",
    );
    expect(bindings.bindings).toEqual([expect.objectContaining({ display_name: "lifecycle", action: expect.objectContaining({ id: created.id }) })]);
  });

  it("binds by name in order, at most 20, and answers 404 for unknown actions", async () => {
    const first = await tenant.management.deployAction("first", ok);
    const second = await tenant.management.deployAction("second", ok);
    const byName = await tenant.management.expect<{ bindings: Array<{ action: { id: string } }> }>(200, "PATCH", "actions/triggers/post-login/bindings", {
      bindings: [{ ref: { type: "action_name", value: "second" } }, { ref: { type: "action_id", value: first } }],
    });
    expect(byName.bindings.map((binding) => binding.action.id)).toEqual([second, first]);
    const tooMany = await tenant.management.call("PATCH", "actions/triggers/post-login/bindings", {
      bindings: Array.from({ length: 21 }, () => ({ ref: { type: "action_id", value: first } })),
    });
    expect(tooMany.status).toBe(400);
    const missing = await tenant.management.call("GET", "actions/actions/00000000-0000-0000-0000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, message: "That action does not exist." });
  });

  it("marks a draft with a syntax error as failed", async () => {
    const broken = await tenant.management.expect<{ id: string }>(201, "POST", "actions/actions", {
      name: "broken",
      supported_triggers: [{ id: "post-login", version: "v3" }],
      code: "exports.onExecutePostLogin = async (event, api) => {",
    });
    await expect(tenant.management.waitUntilBuilt(broken.id)).rejects.toThrow(/failed/);
    expect((await tenant.management.call("POST", `actions/actions/${broken.id}/deploy`)).status).toBe(400);
  });

  it("deletes a bound action only with force=true", async () => {
    const bound = await tenant.management.deployAction("bound", ok);
    await tenant.management.bindPostLogin([bound]);
    expect((await tenant.management.call("DELETE", `actions/actions/${bound}`)).status).toBe(400);
    expect((await tenant.management.call("DELETE", `actions/actions/${bound}?force=true`)).status).toBe(204);
    const bindings = await tenant.management.expect<{ bindings: unknown[] }>(200, "GET", "actions/triggers/post-login/bindings");
    expect(bindings.bindings).toEqual([]);
  });

  it("answers invalid bodies with a 400 naming the field", async () => {
    const invalid = await tenant.management.call("POST", "actions/actions", { name: "x", supported_triggers: [{ id: "credentials-exchange", version: "v2" }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ errorCode: "invalid_body", message: expect.stringContaining("supported_triggers") });
    const notJson = await tenant.management.call("POST", "actions/actions", undefined);
    expect(notJson.status).toBe(400);
  });
});

describe("users", () => {
  it("creates users with local extensions and never returns the password hash", async () => {
    const created = await tenant.management.createUser({
      email: "Mixed.Case@Example.com",
      password: "password-123",
      roles: ["admin"],
      groups: ["staff"],
      app_metadata: { plan: "pro" },
    });
    const fetched = await tenant.management.call<Record<string, unknown>>("GET", `users/${encodeURIComponent(created.user_id)}`);
    expect(fetched.body).toMatchObject({ email: "mixed.case@example.com", roles: ["admin"], groups: ["staff"], logins_count: 0, app_metadata: { plan: "pro" } });
    expect(fetched.raw.text).not.toMatch(/password|scrypt/);
    const duplicate = await tenant.management.call("POST", "users", { connection: "Username-Password-Authentication", email: "mixed.case@example.com", password: "password-123" });
    expect(duplicate.status).toBe(409);
    expect((await tenant.management.call("GET", "users/auth0%7Cnope")).body).toMatchObject({ statusCode: 404, errorCode: "inexistent_user" });
  });

  it("merges metadata at the first level on PATCH: null deletes a key, {} clears", async () => {
    const user = await tenant.management.createUser({ email: "merge@example.com", password: "password-123" });
    const path = `users/${encodeURIComponent(user.user_id)}`;
    await tenant.management.expect(200, "PATCH", path, { app_metadata: { a: 1, nested: { x: 1, y: 2 } } });
    const merged = await tenant.management.expect<{ app_metadata: unknown }>(200, "PATCH", path, { app_metadata: { nested: { z: 3 }, b: 2 } });
    expect(merged.app_metadata).toEqual({ a: 1, nested: { z: 3 }, b: 2 });
    const deleted = await tenant.management.expect<{ app_metadata: unknown }>(200, "PATCH", path, { app_metadata: { a: null } });
    expect(deleted.app_metadata).toEqual({ nested: { z: 3 }, b: 2 });
    const renamed = await tenant.management.expect<{ name: string; app_metadata: unknown; groups: string[] }>(200, "PATCH", path, {
      name: "Renamed",
      groups: ["g1"],
    });
    expect(renamed).toMatchObject({ name: "Renamed", groups: ["g1"], app_metadata: { nested: { z: 3 }, b: 2 } });
    const cleared = await tenant.management.expect<{ app_metadata: unknown }>(200, "PATCH", path, { app_metadata: {} });
    expect(cleared.app_metadata).toEqual({});

    const metadataOnly = await tenant.management.fetchToken("update:users_app_metadata");
    expect((await tenant.management.call("PATCH", path, { user_metadata: { color: "blue" } }, metadataOnly)).status).toBe(200);
    expect((await tenant.management.call("PATCH", path, { name: "Nope" }, metadataOnly)).status).toBe(403);
    expect((await tenant.management.call("PATCH", path, { unknown_field: 1 })).status).toBe(400);
  });

  it("finds users by email and lets a changed password log in", async () => {
    const user = await tenant.management.createUser({ email: "pw@example.com", password: "password-123" });
    await tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(user.user_id)}`, { password: "another-password" });
    const found = await tenant.management.expect<Array<{ user_id: string }>>(200, "GET", "users-by-email?email=PW%40example.com");
    expect(found.map((entry) => entry.user_id)).toEqual([user.user_id]);
    await tenant.management.bindPostLogin([]);
    const app = await registerWebApp(tenant);
    await expect(loginWithPassword(new HttpClient(), app, { email: "pw@example.com", password: "another-password" })).resolves.toBeDefined();
  });
});

describe("clients and resource servers", () => {
  it("creates, reads, updates and deletes clients; secrets need read:client_keys", async () => {
    const created = await tenant.management.expect<{ client_id: string; client_secret: string }>(201, "POST", "clients", {
      name: "Web",
      callbacks: ["http://127.0.0.1:3000/auth/callback"],
      oidc_conformant: true,
    });
    expect(created.client_secret).toBeTruthy();
    // Auth0's other client fields are kept and returned; a field Auth0 lacks is refused as Auth0 refuses it.
    expect(created).toMatchObject({ oidc_conformant: true, is_first_party: true, jwt_configuration: { alg: "RS256" } });
    const unknownField = await tenant.management.call("POST", "clients", { name: "Bad", not_a_client_field: 1 });
    expect(unknownField.status).toBe(400);
    const noKeys = await tenant.management.fetchToken("read:clients");
    const withoutSecret = await tenant.management.call<Record<string, unknown>>("GET", `clients/${created.client_id}`, undefined, noKeys);
    expect(withoutSecret.body).not.toHaveProperty("client_secret");
    const badUrl = await tenant.management.call("PATCH", `clients/${created.client_id}`, { callbacks: ["not a url"] });
    expect(badUrl.status).toBe(400);
    const patched = await tenant.management.expect<{ allowed_logout_urls: string[] }>(200, "PATCH", `clients/${created.client_id}`, {
      allowed_logout_urls: ["http://127.0.0.1:3000/"],
    });
    expect(patched.allowed_logout_urls).toEqual(["http://127.0.0.1:3000/"]);
    expect((await tenant.management.call("DELETE", `clients/${created.client_id}`)).status).toBe(204);
    expect((await tenant.management.call("GET", `clients/${created.client_id}`)).status).toBe(404);
    expect((await tenant.management.call("DELETE", `clients/${tenant.managementClient.client_id}`)).status).toBe(400);
  });

  it("reads resource servers by id or identifier", async () => {
    const created = await tenant.management.expect<{ id: string; identifier: string }>(201, "POST", "resource-servers", {
      identifier: "urn:example:orders",
      scopes: [{ value: "read:orders", description: "Read orders" }],
    });
    const byIdentifier = await tenant.management.expect<{ id: string; signing_alg: string }>(200, "GET", `resource-servers/${encodeURIComponent(created.identifier)}`);
    expect(byIdentifier).toMatchObject({ id: created.id, signing_alg: "RS256" });
    const patched = await tenant.management.expect<{ allow_offline_access: boolean }>(200, "PATCH", `resource-servers/${created.id}`, { allow_offline_access: true });
    expect(patched.allow_offline_access).toBe(true);
    expect((await tenant.management.call("POST", "resource-servers", { identifier: "urn:example:orders" })).status).toBe(409);
    const list = await tenant.management.expect<unknown[]>(200, "GET", "resource-servers");
    expect(list.length).toBeGreaterThan(0);
  });
});
