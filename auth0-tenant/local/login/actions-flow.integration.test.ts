import { decodeJwt, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { textById } from "../../../tests/support/html-forms";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, ROTATING_REFRESH_TOKENS, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import {
  codeFrom,
  continueAt,
  exchangeCode,
  expectCallback,
  expectPage,
  expectRedirect,
  loginWithPassword,
  refresh,
  startAuthorization,
  submitPassword,
  type AuthorizeParams,
  type Landing,
  type OidcClient,
} from "../../../tests/support/oidc-login";

const TERMS_SECRET = "terms-secret-that-is-long-enough-1234";
const TERMS_URL = "http://127.0.0.1:3000/terms";
const API = "https://api.example.com/";

/** Redirects to the terms page until `app_metadata.accepted` is set; denies refresh-token exchanges meanwhile. */
const TERMS_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  const accepted = event.user.app_metadata.accepted;
  if (accepted) {
    api.idToken.setCustomClaim("https://example.com/terms", accepted);
    return;
  }
  // No browser to send anywhere on a refresh; under prompt=none the redirect request becomes interaction_required.
  if (!api.redirect.canRedirect() && event.request.query.prompt !== "none") {
    api.access.deny("Terms not accepted yet");
    return;
  }
  const token = api.redirect.encodeToken({
    secret: event.secrets.TERMS_SECRET,
    payload: { app_state: event.transaction.state },
    expiresInSeconds: 600,
  });
  api.redirect.sendUserTo("${TERMS_URL}", { query: { session_token: token } });
};
exports.onContinuePostLogin = async (event, api) => {
  const payload = api.redirect.validateToken({ secret: event.secrets.TERMS_SECRET, tokenParameterName: "session_token" });
  api.user.setAppMetadata("accepted", payload.version);
  api.idToken.setCustomClaim("https://example.com/terms", payload.version);
  api.idToken.setCustomClaim("https://example.com/continued_with", event.request.method);
};
`;

/** Runs after the terms Action: proves later Actions run after /continue. */
const ROLES_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim("https://example.com/roles", event.authorization.roles);
  api.accessToken.setCustomClaim("https://example.com/roles", event.authorization.roles);
};
`;

let tenant: TestTenant;
let app: OidcClient;
let clockOffsetMs = 0;
let termsActionId: string;
let rolesActionId: string;

beforeAll(async () => {
  tenant = await startTestTenant({ now: () => Date.now() + clockOffsetMs });
  app = await registerWebApp(tenant, { refreshToken: ROTATING_REFRESH_TOKENS });
  await tenant.management.expect(201, "POST", "resource-servers", { name: "Example API", identifier: API });
  termsActionId = await tenant.management.deployAction("terms", TERMS_ACTION, [{ name: "TERMS_SECRET", value: TERMS_SECRET }]);
  rolesActionId = await tenant.management.deployAction("roles", ROLES_ACTION);
});
afterAll(async () => {
  await tenant.stop();
});
beforeEach(async () => {
  clockOffsetMs = 0;
  await tenant.management.bindPostLogin([termsActionId, rolesActionId]);
});

let userCount = 0;
async function newUser(roles: string[] = ["editor"]) {
  userCount += 1;
  const credentials = { email: `user${userCount}@example.com`, password: "password-123" };
  const user = await tenant.management.createUser({ ...credentials, roles });
  return { ...credentials, userId: user.user_id };
}

/** What the app's terms page does: sign the return token for this /continue state. */
function returnToken(sub: string, state: string, version = "v1", secret = TERMS_SECRET): Promise<string> {
  return new SignJWT({ state, version })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setIssuer("http://127.0.0.1:3000")
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(new TextEncoder().encode(secret));
}

/** Logs in with the login form and stops at the Action's redirect. */
async function loginUntilRedirect(browser: HttpClient, credentials: { email: string; password: string }, params: AuthorizeParams = {}) {
  const started = await startAuthorization(browser, app, params);
  if (started.landing.kind !== "page") throw new Error("expected the login page");
  const landing = await submitPassword(browser, app, started.landing.response, credentials);
  return { request: started.request, redirect: expectRedirect(landing) };
}

describe("a redirecting Action", () => {
  it("redirects with the Action's query plus a continue state distinct from the app's", async () => {
    const user = await newUser();
    const { request, redirect } = await loginUntilRedirect(new HttpClient(), user);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(TERMS_URL);
    const state = redirect.searchParams.get("state");
    expect(state).toBeTruthy();
    expect(state).not.toBe(request.state);
    const sessionToken = decodeJwt(redirect.searchParams.get("session_token") ?? "");
    expect(sessionToken).toMatchObject({ sub: user.userId, iss: `localhost:${tenant.port}`, app_state: request.state });
  });

  it("completes after /continue, with the claims set on continue and by later Actions", async () => {
    const user = await newUser(["editor", "viewer"]);
    const browser = new HttpClient();
    // An access token for an API is a JWT whose claims the app can read (one for no API is opaque).
    const { request, redirect } = await loginUntilRedirect(browser, user, { audience: API });
    const state = redirect.searchParams.get("state") ?? "";
    const landing = await continueAt(browser, app, { state, session_token: await returnToken(user.userId, state) });
    const code = codeFrom(landing, request);
    const tokens = (await exchangeCode(browser, app, code, request.codeVerifier)).json<{ id_token: string; access_token: string }>();
    expect(decodeJwt(tokens.id_token)).toMatchObject({
      "https://example.com/terms": "v1",
      "https://example.com/continued_with": "POST",
      "https://example.com/roles": ["editor", "viewer"],
      nonce: request.nonce,
    });
    expect(decodeJwt(tokens.access_token)["https://example.com/roles"]).toEqual(["editor", "viewer"]);
    const stored = await tenant.management.expect<{ app_metadata: Record<string, unknown> }>(200, "GET", `users/${encodeURIComponent(user.userId)}`);
    expect(stored.app_metadata).toEqual({ accepted: "v1" });

    const second = await loginWithPassword(new HttpClient(), app, user);
    expect(decodeJwt(second.tokens.id_token ?? "")["https://example.com/terms"]).toBe("v1");
  });

  it("also resumes with GET /continue", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const { request, redirect } = await loginUntilRedirect(browser, user);
    const state = redirect.searchParams.get("state") ?? "";
    const landing = await continueAt(browser, app, { state, session_token: await returnToken(user.userId, state) }, "GET");
    const tokens = (await exchangeCode(browser, app, codeFrom(landing, request), request.codeVerifier)).json<{ id_token: string }>();
    expect(decodeJwt(tokens.id_token)["https://example.com/continued_with"]).toBe("GET");
  });

  it("answers prompt=none with interaction_required while the redirect is due", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    await loginUntilRedirect(browser, user);
    const silent = await startAuthorization(browser, app, { prompt: "none" });
    expect(expectCallback(silent.landing)).toMatchObject({ error: "interaction_required", state: silent.request.state });
  });

  it("refuses /continue with a missing, unknown, replayed or expired state, saying which", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const missing = expectPage(await continueAt(browser, app, {}));
    expect(missing.status).toBe(400);
    expect(textById(missing.text, "error-message")).toMatch(/^invalid_request: You may have pressed the back button, refreshed during login/);
    expect(textById(missing.text, "error-reason")).toMatch(/^missing:/);

    const unknown = expectPage(await continueAt(browser, app, { state: "made-up" }));
    expect(textById(unknown.text, "error-reason")).toMatch(/^unknown:/);

    const { redirect } = await loginUntilRedirect(browser, user);
    const state = redirect.searchParams.get("state") ?? "";
    const token = await returnToken(user.userId, state);
    expect((await continueAt(browser, app, { state, session_token: token })).kind).toBe("callback");
    const replay = expectPage(await continueAt(browser, app, { state, session_token: token }));
    expect(textById(replay.text, "error-reason")).toMatch(/^already used:/);
    expect(tenant.logs.some((line) => line.includes("/continue") && line.includes("already used"))).toBe(true);

    const other = await newUser();
    const suspended = await loginUntilRedirect(new HttpClient(), other);
    clockOffsetMs = 3601 * 1000;
    const expired = expectPage(await continueAt(browser, app, { state: suspended.redirect.searchParams.get("state") ?? "" }));
    expect(textById(expired.text, "error-reason")).toMatch(/^expired:/);
  });

  it("fails the login with the precise reason when the returned token is invalid", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const { request, redirect } = await loginUntilRedirect(browser, user);
    const state = redirect.searchParams.get("state") ?? "";
    const forged = await returnToken(user.userId, state, "v1", "another-secret-another-secret-123");
    const landing = await continueAt(browser, app, { state, session_token: forged });
    expect(expectCallback(landing)).toMatchObject({
      error: "access_denied",
      error_description: expect.stringMatching(/^The session token is invalid: Failed signature validation/),
      state: request.state,
    });
    expect(tenant.logs.some((line) => line.includes("The session token is invalid: Failed signature validation"))).toBe(true);
  });
});

describe("refresh tokens", () => {
  async function acceptedUserTokens() {
    const user = await newUser();
    await tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(user.userId)}`, { app_metadata: { accepted: "v1" } });
    const http = new HttpClient();
    const { tokens } = await loginWithPassword(http, app, user, { scope: "openid profile offline_access" });
    if (!tokens.refresh_token) throw new Error("expected a refresh token");
    return { user, http, refreshToken: tokens.refresh_token };
  }

  it("rotates: the new refresh token works, the used one is refused", async () => {
    const { http, refreshToken } = await acceptedUserTokens();
    const first = await refresh(http, app, refreshToken);
    expect(first.status).toBe(200);
    const body = first.json<{ refresh_token: string; id_token: string; access_token: string }>();
    expect(body.refresh_token).not.toBe(refreshToken);
    expect(decodeJwt(body.id_token)["https://example.com/terms"]).toBe("v1");
    expect(decodeJwt(body.id_token).nonce).toBeUndefined();

    const reused = await refresh(http, app, refreshToken);
    expect(reused.status).toBe(403);
    expect(reused.json()).toMatchObject({
      error: "invalid_grant",
      error_description: "Unknown or invalid refresh token.",
      local_tenant_reason: expect.stringContaining("already exchanged"),
    });
    // The replay revoked the family, including the successor.
    expect((await refresh(http, app, body.refresh_token)).json()).toMatchObject({ error: "invalid_grant" });
  });

  it("answers 403 access_denied when the Action denies the exchange, and keeps the token usable", async () => {
    const { user, http, refreshToken } = await acceptedUserTokens();
    const path = `users/${encodeURIComponent(user.userId)}`;
    await tenant.management.expect(200, "PATCH", path, { app_metadata: { accepted: null } });
    const denied = await refresh(http, app, refreshToken);
    expect(denied.status).toBe(403);
    expect(denied.json()).toEqual({ error: "access_denied", error_description: "Terms not accepted yet" });
    await tenant.management.expect(200, "PATCH", path, { app_metadata: { accepted: "v2" } });
    const allowed = await refresh(http, app, refreshToken);
    expect(allowed.status).toBe(200);
    expect(decodeJwt(allowed.json<{ id_token: string }>().id_token)["https://example.com/terms"]).toBe("v2");
  });

  it("answers 403 access_denied when an Action redirects during the exchange", async () => {
    const { http, refreshToken } = await acceptedUserTokens();
    const alwaysRedirects = await tenant.management.deployAction(
      "always-redirects",
      `exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo("${TERMS_URL}"); };
       exports.onContinuePostLogin = async () => {};`,
    );
    await tenant.management.bindPostLogin([alwaysRedirects]);
    const response = await refresh(http, app, refreshToken);
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ error: "access_denied", error_description: expect.stringContaining("canRedirect") });
  });
});

describe("denying and failing Actions", () => {
  it("sends access_denied with the reason and the app's state; the tenant session survives", async () => {
    const denies = await tenant.management.deployAction(
      "denies",
      `exports.onExecutePostLogin = async (event, api) => { api.user.setAppMetadata("denied_once", true); api.access.deny("No entry for " + event.user.email); };`,
    );
    await tenant.management.bindPostLogin([denies]);
    const user = await newUser();
    const browser = new HttpClient();
    const started = await startAuthorization(browser, app);
    if (started.landing.kind !== "page") throw new Error("expected the login page");
    const landing = await submitPassword(browser, app, started.landing.response, user);
    expect(expectCallback(landing)).toEqual({
      error: "access_denied",
      error_description: `No entry for ${user.email}`,
      state: started.request.state,
    });
    const stored = await tenant.management.expect<{ app_metadata: Record<string, unknown> }>(200, "GET", `users/${encodeURIComponent(user.userId)}`);
    expect(stored.app_metadata).toEqual({ denied_once: true });
    const silent = await startAuthorization(browser, app, { prompt: "none" });
    expect(expectCallback(silent.landing).error).toBe("access_denied");
  });

  it("sends the exception's message when an Action throws", async () => {
    const throws = await tenant.management.deployAction(
      "throws",
      `exports.onExecutePostLogin = async () => { throw new Error("boom in the action"); };`,
    );
    await tenant.management.bindPostLogin([throws]);
    const user = await newUser();
    const started = await startAuthorization(new HttpClient(), app, { prompt: "none" });
    expect(expectCallback(started.landing).error).toBe("login_required");
    const browser = new HttpClient();
    const again = await startAuthorization(browser, app);
    if (again.landing.kind !== "page") throw new Error("expected the login page");
    const landing = await submitPassword(browser, app, again.landing.response, user);
    expect(expectCallback(landing)).toMatchObject({ error: "access_denied", error_description: "boom in the action" });
  });
});
