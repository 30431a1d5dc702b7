import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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

/** Asks every login for the authenticator: enrolls it when the user has none, challenges it otherwise. */
const GATE_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  console.log("gate ran for " + event.user.email);
  const enrolled = event.user.enrolledFactors.some((factor) => factor.type === "otp");
  if (enrolled) api.authentication.challengeWith({ type: "otp" });
  else api.authentication.enrollWith({ type: "otp" });
};
`;
/** Bound after the gate: shows the methods it saw. */
const AFTER_GATE_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  console.log("after-gate ran for " + event.user.email);
  api.idToken.setCustomClaim("https://example.com/methods", event.authentication.methods);
};
`;
const METHODS = "https://example.com/methods";

let tenant: TestTenant;
let app: OidcClient;
/** A clock that moves only when a test says so: 10 s into a 30-second TOTP step, so no code changes mid-test. */
let clock = Math.floor(Date.now() / 30_000) * 30_000 + 10_000;
const now = () => clock;
let gateId: string;
let afterGateId: string;

beforeAll(async () => {
  tenant = await startTestTenant({ now });
  app = await registerWebApp(tenant, { grantTypes: ["authorization_code", "refresh_token"] });
  gateId = await tenant.management.deployAction("gate", GATE_ACTION);
  afterGateId = await tenant.management.deployAction("after-gate", AFTER_GATE_ACTION);
});
afterAll(async () => {
  await tenant.stop();
});
beforeEach(async () => {
  await tenant.management.bindPostLogin([gateId, afterGateId]);
});

let userCount = 0;
async function newUser() {
  userCount += 1;
  const credentials = { email: `step${userCount}@example.com`, password: "password-123" };
  const user = await tenant.management.createUser(credentials);
  return { ...credentials, userId: user.user_id };
}

/** How many times the Action ran for this user, in the log lines since `mark`. */
function runsOf(action: "gate" | "after-gate", email: string, mark: number): number {
  return tenant.logs.slice(mark).filter((line) => line === `action "${action}" log: ${action} ran for ${email}`).length;
}

async function idTokenClaims(browser: HttpClient, landing: Landing, request: AuthorizationRequest) {
  const response = await exchangeCode(browser, app, codeFrom(landing, request), request.codeVerifier);
  const tokens = response.json<{ id_token: string; refresh_token?: string }>();
  return { claims: decodeJwt(tokens.id_token), refreshToken: tokens.refresh_token };
}

/** A user whose authenticator the gate enrolled at a first login; the clock then moves to the next TOTP step. */
async function enrolledUser() {
  const user = await newUser();
  const browser = new HttpClient();
  const { request, page } = await loginUntilCodePage(browser, app, user, "openid email offline_access");
  const secret = enrollmentSecret(page.text);
  const { refreshToken } = await idTokenClaims(browser, await submitCode(browser, app, page, totpCode(secret, now())), request);
  clock += 30_000;
  return { user, secret, browser, refreshToken };
}

describe("an Action's MFA request (api.authentication.challengeWith, enrollWith)", () => {
  it("challenges an enrolled user before the later Actions run; they run once after the right code", async () => {
    const { user, secret } = await enrolledUser();
    const mark = tenant.logs.length;
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    expect(textById(page.text, "totp-secret")).toBeUndefined();
    expect(tenant.logs.slice(mark)).toContain(
      `login of ${user.email} to client ${app.clientId} waits for MFA (one-time code) asked by action "gate" (api.authentication.challengeWith)`,
    );

    const wrong = expectPage(await submitCode(browser, app, page, wrongTotpCode(secret, now())));
    expect(wrong.status).toBe(400);
    expect(textById(wrong.text, "error-message")).toBe("Wrong code. 4 attempts left.");
    expect(runsOf("gate", user.email, mark)).toBe(1);
    expect(runsOf("after-gate", user.email, mark)).toBe(0);

    const { claims } = await idTokenClaims(browser, await submitCode(browser, app, wrong, totpCode(secret, now())), request);
    expect(runsOf("gate", user.email, mark)).toBe(1);
    expect(runsOf("after-gate", user.email, mark)).toBe(1);
    expect(claims[METHODS]).toEqual([
      { name: "pwd", timestamp: expect.any(String) },
      { name: "mfa", timestamp: new Date(now()).toISOString(), type: "otp" },
    ]);
    expect(claims.amr).toEqual(["mfa"]);
    expect(claims.nonce).toBe(request.nonce);
  });

  it("enrolls a new user's authenticator, then runs the later Actions once", async () => {
    const user = await newUser();
    const mark = tenant.logs.length;
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    const secret = enrollmentSecret(page.text);
    expect(runsOf("after-gate", user.email, mark)).toBe(0);

    const { claims } = await idTokenClaims(browser, await submitCode(browser, app, page, totpCode(secret, now())), request);
    expect(tenant.logs).toContain(`user ${user.email} enrolled an authenticator app (TOTP)`);
    expect(runsOf("gate", user.email, mark)).toBe(1);
    expect(runsOf("after-gate", user.email, mark)).toBe(1);
    expect((claims[METHODS] as Array<{ name: string }>).map((method) => method.name)).toEqual(["pwd", "mfa"]);
  });

  it("challenges again at a later SSO login: a passed challenge counts for its own transaction only", async () => {
    const { secret, browser } = await enrolledUser();
    const started = await startAuthorization(browser, app);
    const page = expectPage(started.landing);
    expect(page.url.pathname).toBe("/u/mfa-otp");
    codeFrom(await submitCode(browser, app, page, totpCode(secret, now())), started.request);
  });

  it("does not ask for a second code at the end of the flow when a later Action enables MFA", async () => {
    const enables = await tenant.management.deployAction(
      "enables-mfa",
      `exports.onExecutePostLogin = async (event, api) => { api.multifactor.enable("any"); };`,
    );
    await tenant.management.bindPostLogin([gateId, enables]);
    const { user, secret } = await enrolledUser();
    const browser = new HttpClient();
    const { request, page } = await loginUntilCodePage(browser, app, user);
    const { claims } = await idTokenClaims(browser, await submitCode(browser, app, page, totpCode(secret, now())), request);
    expect(claims.amr).toEqual(["mfa"]);
  });

  it("fails the login, naming the factors, when the local tenant can run none of them", async () => {
    const asksEmail = await tenant.management.deployAction(
      "asks-email",
      `exports.onExecutePostLogin = async (event, api) => { api.authentication.challengeWithAny([{ type: "email" }, { type: "phone", options: { preferredMethod: "sms" } }]); };`,
    );
    await tenant.management.bindPostLogin([asksEmail, afterGateId]);
    const user = await newUser();
    const mark = tenant.logs.length;
    const browser = new HttpClient();
    const started = await startAuthorization(browser, app);
    const landing = await submitPassword(browser, app, expectPage(started.landing), user);
    expect(expectCallback(landing)).toEqual({
      error: "access_denied",
      error_description:
        "api.authentication.challengeWithAny: no requested factor is usable, so the login fails: the local tenant cannot run email, phone (it runs otp only, an authenticator app).",
      state: started.request.state,
    });
    expect(runsOf("after-gate", user.email, mark)).toBe(0);
  });

  it("fails a challenge of a user who has no authenticator, as Auth0 ignores factors not enrolled", async () => {
    const challenges = await tenant.management.deployAction(
      "challenges",
      `exports.onExecutePostLogin = async (event, api) => { api.authentication.challengeWith({ type: "otp" }); };`,
    );
    await tenant.management.bindPostLogin([challenges]);
    const user = await newUser();
    const browser = new HttpClient();
    const started = await startAuthorization(browser, app);
    const landing = await submitPassword(browser, app, expectPage(started.landing), user);
    expect(expectCallback(landing)).toMatchObject({
      error: "access_denied",
      error_description: expect.stringContaining("the user has no otp authenticator enrolled"),
    });
  });

  it("answers interaction_required under prompt=none", async () => {
    const { browser } = await enrolledUser();
    const silent = await startAuthorization(browser, app, { prompt: "none" });
    expect(expectCallback(silent.landing)).toMatchObject({ error: "interaction_required", state: silent.request.state });
  });

  it("refuses a refresh-token exchange with mfa_required, as for api.multifactor.enable", async () => {
    const { user, browser, refreshToken } = await enrolledUser();
    const refreshed = await refresh(browser, app, refreshToken ?? "");
    expect(refreshed.status).toBe(403);
    expect(refreshed.json()).toEqual({ error: "mfa_required", error_description: "Multifactor authentication required" });
    expect(tenant.logs).toContain(
      `refresh of ${user.email} for client ${app.clientId} refused: action "gate" called api.authentication.challengeWith during a refresh-token exchange (mfa_required)`,
    );
  });
});
