import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textById } from "../../../tests/support/html-forms";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { SESSION_COOKIE } from "../state/sessions";
import {
  codeFrom,
  exchangeCode,
  expectCallback,
  expectPage,
  loginWithPassword,
  startAuthorization,
  submitPassword,
  submitSignup,
  tokenRequest,
  type Landing,
  type OidcClient,
} from "../../../tests/support/oidc-login";

let tenant: TestTenant;
let app: OidcClient;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await registerWebApp(tenant);
});
afterAll(async () => {
  await tenant.stop();
});

describe("sign-up and login", () => {
  it("signs a new user up, logs them in, and counts the logins", async () => {
    const credentials = { email: "new.user@example.com", password: "a-long-password" };
    const browser = new HttpClient();
    const started = await startAuthorization(browser, app);
    const signedUp = await submitSignup(browser, app, expectPage(started.landing), credentials);
    const code = codeFrom(signedUp, started.request);
    const tokens = (await exchangeCode(browser, app, code, started.request.codeVerifier)).json<{ id_token: string }>();
    expect(decodeJwt(tokens.id_token)).toMatchObject({ email: credentials.email, nonce: started.request.nonce });
    expect(browser.cookies.get("localhost", "auth0_local_session")).toBeDefined();

    const again = await loginWithPassword(new HttpClient(), app, credentials);
    const [user] = await tenant.management.expect<Array<{ logins_count: number; user_id: string }>>(
      200,
      "GET",
      `users-by-email?email=${encodeURIComponent(credentials.email)}`,
    );
    expect(user?.logins_count).toBe(2);
    expect(decodeJwt(again.tokens.id_token ?? "").sub).toBe(user?.user_id);
  });

  it("sets its session cookie SameSite=Lax over plain http, where browsers refuse SameSite=None without Secure", async () => {
    const browser = new HttpClient();
    const started = await startAuthorization(browser, app);
    const loggedIn = await browser.submitForm(expectPage(started.landing), { username: tenant.demoUser.email, password: tenant.demoUser.password });
    const session = loggedIn.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toMatch(/; HttpOnly; SameSite=Lax(;|$)/);
    expect(session).not.toMatch(/Secure|SameSite=None/);
  });

  it("refuses a sign-up with an invalid email or a short password, and an existing email", async () => {
    const browser = new HttpClient();
    const loginPage = expectPage((await startAuthorization(browser, app)).landing);
    const short = expectPage(await submitSignup(browser, app, loginPage, { email: "x@example.com", password: "short" }));
    expect(short.status).toBe(400);
    expect(textById(short.text, "error-message")).toBe("The password must have at least 8 characters.");
    const invalid = expectPage(await submitSignup(browser, app, loginPage, { email: "not-an-email", password: "long-enough" }));
    expect(textById(invalid.text, "error-message")).toBe("Enter a valid email address.");
    const taken = expectPage(await submitSignup(browser, app, loginPage, { ...tenant.demoUser }));
    expect(textById(taken.text, "error-message")).toBe("The user already exists.");
  });

  it("gives a wrong password and an unknown user the same message", async () => {
    const browser = new HttpClient();
    const loginPage = expectPage((await startAuthorization(browser, app)).landing);
    const wrongPassword = expectPage(await submitPassword(browser, app, loginPage, { email: tenant.demoUser.email, password: "not-it-at-all" }));
    const unknownUser = expectPage(await submitPassword(browser, app, loginPage, { email: "nobody@example.com", password: "whatever-1" }));
    for (const page of [wrongPassword, unknownUser]) {
      expect(page.status).toBe(400);
      expect(textById(page.text, "error-message")).toBe("Wrong email or password.");
    }
    expect(tenant.logs.some((line) => line.includes("wrong password"))).toBe(true);
    expect(tenant.logs.some((line) => line.includes("unknown email"))).toBe(true);
    // The form stays usable after a failure.
    const landing = await submitPassword(browser, app, wrongPassword, tenant.demoUser);
    expect(landing.kind).toBe("callback");
  });

  it("escapes what the user typed when it re-renders the form", async () => {
    const browser = new HttpClient();
    const loginPage = expectPage((await startAuthorization(browser, app)).landing);
    const page = expectPage(await submitPassword(browser, app, loginPage, { email: `"><script>alert(1)</script>`, password: "x-x-x-x-x" }));
    expect(page.text).not.toContain("<script>alert(1)</script>");
    expect(page.text).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("refuses a login form posted without the browser binding or the CSRF token", async () => {
    const browser = new HttpClient();
    const loginPage = expectPage((await startAuthorization(browser, app)).landing);
    const stranger = new HttpClient();
    const crossSite = await stranger.submitForm(loginPage, { username: tenant.demoUser.email, password: tenant.demoUser.password });
    expect(crossSite.status).toBe(400);
    expect(textById(crossSite.text, "error-reason")).toContain("auth0_local_browser");
    const noCsrf = await browser.submitForm(loginPage, { username: tenant.demoUser.email, password: tenant.demoUser.password, _csrf: "forged" });
    expect(noCsrf.status).toBe(400);
    expect(noCsrf.text).toContain("CSRF");
  });

  it("uses the tenant session for SSO, and prompt=login asks again", async () => {
    const browser = new HttpClient();
    await loginWithPassword(browser, app, tenant.demoUser);
    const sso = await startAuthorization(browser, app);
    expect(sso.landing.kind).toBe("callback");
    const silent = await startAuthorization(browser, app, { prompt: "none" });
    expect(expectCallback(silent.landing).code).toBeDefined();
    const forced = await startAuthorization(browser, app, { prompt: "login" });
    expect(forced.landing.kind).toBe("page");
  });

  it("answers prompt=none without a session with login_required and the app's state", async () => {
    const { request, landing } = await startAuthorization(new HttpClient(), app, { prompt: "none" });
    expect(expectCallback(landing)).toEqual({ error: "login_required", error_description: "Login required", state: request.state });
  });

  it("answers with response_mode=form_post as an auto-submitting form", async () => {
    const browser = new HttpClient();
    await loginWithPassword(browser, app, tenant.demoUser);
    const { request, landing } = await startAuthorization(browser, app, { responseMode: "form_post" });
    if (landing.kind !== "callback") throw new Error("expected a callback");
    expect(landing.via).toBe("form_post");
    expect(landing.params.state).toBe(request.state);
    expect((await exchangeCode(browser, app, landing.params.code ?? "", request.codeVerifier)).status).toBe(200);
  });
});

describe("authorization request validation", () => {
  it("shows a 400 page, never a redirect, for an unregistered redirect_uri or client", async () => {
    const wrongRedirect = await startAuthorization(new HttpClient(), { ...app, redirectUri: "http://127.0.0.1:3000/evil" });
    const page = expectPage(wrongRedirect.landing);
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
    expect(textById(page.text, "error-message")).toMatch(/^unauthorized_client: Callback URL mismatch\. The provided redirect_uri is not in the list of allowed callback URLs\./);
    expect(textById(page.text, "error-reason")).toContain("http://127.0.0.1:3000/evil is not in the list of allowed callback URLs");
    const unknownClient = expectPage((await startAuthorization(new HttpClient(), { ...app, clientId: "nope" })).landing);
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get("location")).toBeNull();
    expect(textById(unknownClient.text, "error-message")).toBe("invalid_request: Unknown client: nope");
  });

  it("sends later errors back to the app with error, error_description and state", async () => {
    const badMethod = await startAuthorization(new HttpClient(), app, { extra: { code_challenge_method: "S512" } });
    expect(expectCallback(badMethod.landing)).toMatchObject({ error: "invalid_request", state: badMethod.request.state });
    const unknownType = await startAuthorization(new HttpClient(), app, { extra: { response_type: "code device_code" } });
    expect(expectCallback(unknownType.landing).error).toBe("unsupported_response_type");
    const audience = await startAuthorization(new HttpClient(), app, { audience: "https://unregistered.example.com" });
    expect(expectCallback(audience.landing)).toEqual({
      error: "access_denied",
      error_description: "Service not found: https://unregistered.example.com",
      state: audience.request.state,
    });
  });
});

describe("code exchange", () => {
  async function freshCode() {
    const browser = new HttpClient();
    const started = await startAuthorization(browser, app, { scope: "openid profile email offline_access" });
    const landing = await submitPassword(browser, app, expectPage(started.landing), tenant.demoUser);
    return { browser, code: codeFrom(landing, started.request), verifier: started.request.codeVerifier };
  }

  it("refuses a PKCE verifier that does not match", async () => {
    const { browser, code } = await freshCode();
    const response = await exchangeCode(browser, app, code, "a".repeat(43));
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({
      error: "invalid_grant",
      error_description: "Failed to verify code verifier",
      local_tenant_reason: "The code_verifier does not match the code_challenge (S256) of the authorization request.",
    });
  });

  it("refuses a replayed code, and revokes the refresh token the first exchange gave", async () => {
    const { browser, code, verifier } = await freshCode();
    const first = await exchangeCode(browser, app, code, verifier);
    expect(first.status).toBe(200);
    const replay = await exchangeCode(browser, app, code, verifier);
    expect(replay.status).toBe(403);
    expect(replay.json()).toEqual({
      error: "invalid_grant",
      error_description: "Invalid authorization code",
      local_tenant_reason: "The authorization code has already been used; the tokens it gave are revoked.",
    });
    const refreshed = await tokenRequest(browser, app, {
      grant_type: "refresh_token",
      refresh_token: first.json<{ refresh_token: string }>().refresh_token,
    });
    expect(refreshed.status).toBe(403);
    expect(refreshed.json()).toEqual({
      error: "invalid_grant",
      error_description: "Unknown or invalid refresh token.",
      local_tenant_reason: "The refresh token was revoked.",
    });
  });

  it("refuses a wrong client secret with Auth0's 401 access_denied Unauthorized, and accepts client_secret_basic", async () => {
    const { browser, code, verifier } = await freshCode();
    const wrong = await exchangeCode(browser, { ...app, clientSecret: "not-the-secret" }, code, verifier);
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toEqual({
      error: "access_denied",
      error_description: "Unauthorized",
      local_tenant_reason: `Wrong client secret for client ${app.clientId}.`,
    });

    const next = await freshCode();
    const basic = await tokenRequest(
      next.browser,
      app,
      { grant_type: "authorization_code", code: next.code, code_verifier: next.verifier, redirect_uri: app.redirectUri },
      "basic",
    );
    expect(basic.status).toBe(200);
  });

  it("refuses a redirect_uri that differs from the authorization request", async () => {
    const { browser, code, verifier } = await freshCode();
    const response = await tokenRequest(browser, app, {
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: "http://127.0.0.1:3000/other",
    });
    expect(response.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("answers malformed token requests with a clear 4xx", async () => {
    const http = new HttpClient();
    const noGrant = await tokenRequest(http, app, {});
    expect(noGrant.status).toBe(400);
    expect(noGrant.json()).toEqual({ error: "invalid_request", error_description: "Missing required parameter: grant_type" });
    const badJson = await http.request("POST", `${tenant.issuer}oauth/token`, {
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
    expect(badJson.json()).toEqual({ error: "invalid_request", error_description: "The request body is not valid JSON." });
    const xml = await http.request("POST", `${tenant.issuer}oauth/token`, { headers: { "content-type": "text/xml" }, body: "<a/>" });
    expect(xml.status).toBe(415);
    const json = await http.postJson(`${tenant.issuer}oauth/token`, { grant_type: "urn:example:no-such-grant" });
    expect(json.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("issues an opaque access token for /userinfo, which answers the user's claims", async () => {
    const { tokens } = await loginWithPassword(new HttpClient(), app, tenant.demoUser);
    expect(tokens.scope).toBe("openid profile email");
    const http = new HttpClient();
    const info = await http.get(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(info.json()).toMatchObject({ sub: decodeJwt(tokens.id_token ?? "").sub, email: tenant.demoUser.email, email_verified: true, name: "Demo User" });
    const refused = await http.get(`${tenant.issuer}userinfo`, { headers: { authorization: "Bearer not.a.token" } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("invalid_token");
  });
});

describe("logout", () => {
  it("finds the client from id_token_hint on OIDC logout", async () => {
    const browser = new HttpClient();
    const { tokens } = await loginWithPassword(browser, app, tenant.demoUser);
    const url = new URL(`${tenant.issuer}oidc/logout`);
    url.searchParams.set("id_token_hint", tokens.id_token ?? "");
    url.searchParams.set("post_logout_redirect_uri", "http://127.0.0.1:3000/");
    const response = await browser.get(url);
    expect(response.status).toBe(302);
    expect(response.location?.href).toBe("http://127.0.0.1:3000/");
    const noClient = await browser.get(`${tenant.issuer}v2/logout?returnTo=${encodeURIComponent("http://127.0.0.1:3000/")}`);
    expect(noClient.status).toBe(400);
    expect((await browser.get(`${tenant.issuer}v2/logout`)).status).toBe(200);
  });

  it("refuses a returnTo that is not an allowed logout URL, keeping the session", async () => {
    const browser = new HttpClient();
    await loginWithPassword(browser, app, tenant.demoUser);
    const url = new URL(`${tenant.issuer}v2/logout`);
    url.searchParams.set("client_id", app.clientId);
    url.searchParams.set("returnTo", "https://evil.example.com/");
    const refused = await browser.get(url);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("location")).toBeNull();
    expect(textById(refused.text, "error-message")).toContain("Allowed Logout URLs");
    expect((await startAuthorization(browser, app, { prompt: "none" })).landing.kind).toBe("callback");
  });

  it("ends the session and returns to an allowed URL (v2 and OIDC logout)", async () => {
    for (const flavour of ["v2", "oidc"] as const) {
      const browser = new HttpClient();
      await loginWithPassword(browser, app, tenant.demoUser);
      const url = new URL(flavour === "v2" ? `${tenant.issuer}v2/logout` : `${tenant.issuer}oidc/logout`);
      url.searchParams.set("client_id", app.clientId);
      url.searchParams.set(flavour === "v2" ? "returnTo" : "post_logout_redirect_uri", "http://127.0.0.1:3000");
      if (flavour === "oidc") url.searchParams.set("state", "s1");
      const response = await browser.get(url);
      expect(response.status).toBe(302);
      expect(response.location?.href).toBe(flavour === "v2" ? "http://127.0.0.1:3000/" : "http://127.0.0.1:3000/?state=s1");
      const silent = await startAuthorization(browser, app, { prompt: "none" });
      expect(expectCallback(silent.landing).error).toBe("login_required");
    }
  });
});
