import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PLACES, logInFrom } from "../../../tests/support/geoip";
import { textById } from "../../../tests/support/html-forms";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import {
  codeFrom,
  exchangeCode,
  expectCallback,
  expectPage,
  refresh,
  startAuthorization,
  submitPassword,
  type AuthorizationRequest,
  type Landing,
  type OidcClient,
} from "../../../tests/support/oidc-login";
import { enrollmentSecret, loginUntilCodePage, submitCode, wrongTotpCode } from "../../../tests/support/totp-challenge";
import { totpCode } from "../mfa/totp";

/**
 * Asks for MFA from France, unless this session passed it (or the user wants it every time), and shows the
 * methods and location it saw in the ID token.
 */
const MFA_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim("https://example.com/methods", event.authentication.methods);
  api.idToken.setCustomClaim("https://example.com/country", event.request.geoip.countryCode || null);
  const passed = event.authentication.methods.some((method) => method.name === "mfa");
  if (event.request.geoip.countryCode === "FR" && (!passed || event.user.app_metadata.mfa_every_time)) {
    api.multifactor.enable("any", { allowRememberBrowser: false });
  }
};
`;
const METHODS = "https://example.com/methods";

let tenant: TestTenant;
let app: OidcClient;
/** A clock that moves only when a test says so: 10 s into a 30-second TOTP step, so no code changes mid-test. */
let clock = Math.floor(Date.now() / 30_000) * 30_000 + 10_000;
const now = () => clock;

beforeAll(async () => {
  tenant = await startTestTenant({ now });
  app = await registerWebApp(tenant, { grantTypes: ["authorization_code", "refresh_token"] });
  await tenant.management.bindPostLogin([await tenant.management.deployAction("mfa", MFA_ACTION)]);
});
afterAll(async () => {
  await tenant.stop();
});
beforeEach(async () => {
  await logInFrom(tenant.issuer, PLACES.paris);
});

let userCount = 0;
async function newUser(appMetadata: Record<string, unknown> = {}) {
  userCount += 1;
  const credentials = { email: `mfa${userCount}@example.com`, password: "password-123" };
  const user = await tenant.management.createUser({ ...credentials, app_metadata: appMetadata });
  return { ...credentials, userId: user.user_id };
}

async function tokensFor(browser: HttpClient, landing: Landing, request: AuthorizationRequest) {
  const response = await exchangeCode(browser, app, codeFrom(landing, request), request.codeVerifier);
  return response.json<{ id_token: string; refresh_token?: string }>();
}

/** Enrolls a new user's authenticator through the page; returns the key and the browser, logged in with MFA. */
async function enrolledUser(appMetadata: Record<string, unknown> = {}) {
  const user = await newUser(appMetadata);
  const browser = new HttpClient();
  const { request, page } = await loginUntilCodePage(browser, app, user, "openid email offline_access");
  const secret = enrollmentSecret(page.text);
  const tokens = await tokensFor(browser, await submitCode(browser, app, page, totpCode(secret, now())), request);
  return { user, browser, secret, tokens };
}

describe("a login whose Actions enable MFA", () => {
  it("enrolls a new user's authenticator: the key is shown once, the right code issues the code, amr says mfa", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    expect(page.status).toBe(200);
    expect(textById(page.text, "error-message")).toBeUndefined();
    const secret = enrollmentSecret(page.text);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const landing = await submitCode(browser, app, page, totpCode(secret, now()));
    const claims = decodeJwt((await tokensFor(browser, landing, request)).id_token);
    expect(claims.amr).toEqual(["mfa"]);
    // The Action ran before the challenge: it saw the password only.
    expect((claims[METHODS] as Array<{ name: string }>).map((method) => method.name)).toEqual(["pwd"]);
    expect(tenant.logs.some((line) => line.includes(secret))).toBe(false);
    expect(tenant.logs).toContain(`user ${user.email} enrolled an authenticator app (TOTP)`);
    const stored = JSON.parse(await readFile(join(tenant.dataDir, "totp-enrollments.json"), "utf8"));
    expect(stored["totp-enrollments"]).toContainEqual(expect.objectContaining({ user_id: user.userId, secret }));
  });

  it("writes the current code to the tenant's log, for developers without an authenticator app", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    const line = tenant.logs.findLast((entry) => entry.startsWith(`local-tenant convenience: the current one-time code for ${user.email} is `));
    const code = line?.split(" ").at(-1) ?? "";
    expect(code).toBe(totpCode(enrollmentSecret(page.text), now()));
    codeFrom(await submitCode(browser, app, page, code), request);
  });

  it("records mfa in the tenant session: a later SSO login's event.authentication.methods holds it, unchallenged", async () => {
    const { browser } = await enrolledUser();
    const started = await startAuthorization(browser, app);
    const claims = decodeJwt((await tokensFor(browser, started.landing, started.request)).id_token);
    expect(claims[METHODS]).toEqual([
      { name: "pwd", timestamp: expect.any(String) },
      { name: "mfa", timestamp: expect.any(String), type: "otp" },
    ]);
    expect(claims.amr).toEqual(["mfa"]);
  });

  it("asks an enrolled user for the current code at a later login, without showing the key again", async () => {
    const { user, secret } = await enrolledUser();
    clock += 60_000;
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    expect(textById(page.text, "totp-secret")).toBeUndefined();
    expect(page.text).not.toContain(secret);
    codeFrom(await submitCode(browser, app, page, totpCode(secret, now())), request);
  });

  it("refuses a code already used, and a wrong code, saying how many attempts are left", async () => {
    const { user, secret } = await enrolledUser();
    const browser = new HttpClient();
    const { page } = await loginUntilCodePage(browser, app, user);
    const replayed = expectPage(await submitCode(browser, app, page, totpCode(secret, now())));
    expect(replayed.status).toBe(400);
    expect(textById(replayed.text, "error-message")).toBe("That code was already used; wait for the next one. 4 attempts left.");
    const wrong = expectPage(await submitCode(browser, app, replayed, wrongTotpCode(secret, now())));
    expect(wrong.status).toBe(400);
    expect(textById(wrong.text, "error-message")).toBe("Wrong code. 3 attempts left.");
  });

  it("refuses a malformed code without counting it", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    const secret = enrollmentSecret(page.text);
    const malformed = expectPage(await submitCode(browser, app, page, "12ab"));
    expect(malformed.status).toBe(400);
    expect(textById(malformed.text, "error-message")).toBe("Enter the 6-digit code from your authenticator app.");
    expect(enrollmentSecret(malformed.text)).toBe(secret);
    const wrong = expectPage(await submitCode(browser, app, malformed, wrongTotpCode(secret, now())));
    expect(textById(wrong.text, "error-message")).toBe("Wrong code. 4 attempts left.");
    // Spaces, as an app groups the digits, are fine.
    const code = totpCode(secret, now());
    codeFrom(await submitCode(browser, app, wrong, `${code.slice(0, 3)} ${code.slice(3)}`), request);
  });

  it("refuses the login after 5 wrong codes and ends the tenant session, so the next try needs the password", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    const secret = enrollmentSecret(page.text);
    let current = page;
    for (let attempt = 1; attempt < 5; attempt += 1) current = expectPage(await submitCode(browser, app, current, wrongTotpCode(secret, now())));
    const refused = expectCallback(await submitCode(browser, app, current, wrongTotpCode(secret, now())));
    expect(refused).toEqual({
      error: "access_denied",
      error_description: "Too many wrong verification codes (5): the login was refused.",
      state: request.state,
    });
    expect(browser.cookies.get("localhost", "auth0_local_session")).toBeUndefined();
    const again = await startAuthorization(browser, app);
    expect(expectPage(again.landing).url.pathname).toBe("/u/login");
    // The challenge is over: its form cannot be posted again.
    const replay = await browser.submitForm(current, { code: totpCode(secret, now()) });
    expect(replay.status).toBe(400);
    expect(textById(replay.text, "error-reason")).toMatch(/^unknown: no MFA challenge has this state/);
    const stored = await readFile(join(tenant.dataDir, "totp-enrollments.json"), "utf8").catch(() => "");
    expect(stored).not.toContain(user.userId);
  });

  it("forgets a deleted user's authenticator", async () => {
    const { user } = await enrolledUser();
    await tenant.management.expect(204, "DELETE", `users/${encodeURIComponent(user.userId)}`);
    expect(await readFile(join(tenant.dataDir, "totp-enrollments.json"), "utf8")).not.toContain(user.userId);
  });

  it("binds the page to the login's browser and its CSRF token", async () => {
    const user = await newUser();
    const browser = new HttpClient();
    const { page } = await loginUntilCodePage(browser, app, user);
    const secret = enrollmentSecret(page.text);
    const stranger = await new HttpClient().submitForm(page, { code: totpCode(secret, now()) });
    expect(stranger.status).toBe(400);
    expect(textById(stranger.text, "error-reason")).toMatch(/auth0_local_session cookie is missing/);
    const noCsrf = await browser.submitForm(page, { code: totpCode(secret, now()), _csrf: "forged" });
    expect(noCsrf.status).toBe(400);
    expect(textById(noCsrf.text, "error-message")).toMatch(/CSRF/);
  });

  it("answers interaction_required under prompt=none", async () => {
    await logInFrom(tenant.issuer, PLACES.newYork);
    const user = await newUser();
    const browser = new HttpClient();
    const started = await startAuthorization(browser, app);
    codeFrom(await submitPassword(browser, app, expectPage(started.landing), user), started.request);
    await logInFrom(tenant.issuer, PLACES.paris);
    const silent = await startAuthorization(browser, app, { prompt: "none" });
    expect(expectCallback(silent.landing)).toMatchObject({ error: "interaction_required" });
  });

  it("refuses a refresh-token exchange with mfa_required when an Action asks for MFA there", async () => {
    const { browser, tokens } = await enrolledUser({ mfa_every_time: true });
    const refreshed = await refresh(browser, app, tokens.refresh_token ?? "");
    expect(refreshed.status).toBe(403);
    expect(refreshed.json()).toEqual({ error: "mfa_required", error_description: "Multifactor authentication required" });
  });
});
