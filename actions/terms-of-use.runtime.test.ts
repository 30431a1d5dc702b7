import { randomUUID } from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleAction } from "../auth0-tenant/bundle-actions";
import { createActionsCache, resumePostLogin, runPostLogin } from "../auth0-tenant/local/actions-runtime";
import type { DeployedAction, LoginContext, PipelineOutcome, TenantUser } from "../auth0-tenant/local/actions-runtime";
import { parseConfig } from "../lib/config";
import { consentSettingsFrom } from "../lib/consent/settings";
import { handleTermsAnswer } from "../lib/consent/terms-answer";
import { handleTermsIntake } from "../lib/consent/terms-intake";
import { testEnv } from "../tests/support/test-env";

/**
 * The bundle that is deployed, run in the local tenant's Actions runtime, against the app's real intake and answer
 * handlers: the two halves of the redirect protocol checked against each other.
 */
const APP = "http://127.0.0.1:3000";
const NAMESPACE = "https://product-xyz.example/";
const env = testEnv();
const settings = consentSettingsFrom(parseConfig(env));

let action: DeployedAction;
beforeAll(async () => {
  action = {
    id: "act_terms",
    name: "terms-of-use",
    code: await bundleAction(path.join(process.cwd(), "actions", "terms-of-use.ts")),
    secrets: { TERMS_VERSION: "2", CLAIM_NAMESPACE: NAMESPACE, REDIRECT_TOKEN_SECRET: env.REDIRECT_TOKEN_SECRET!, APP_BASE_URL: APP },
  };
});

function user(appMetadata: Record<string, unknown> = {}): TenantUser {
  return {
    user_id: "auth0|u1",
    email: "u1@example.com",
    email_verified: true,
    name: "U One",
    nickname: "u1",
    picture: "",
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    app_metadata: appMetadata,
    user_metadata: {},
    identities: [],
    logins_count: 1,
  };
}

function context(protocol: LoginContext["transaction"]["protocol"] = "oidc-basic-profile", query: Record<string, string> = {}): LoginContext {
  return {
    tenant: { id: "local" },
    client: { client_id: "app-client", name: "Product XYZ", metadata: {} },
    connection: { id: "con_1", name: "Username-Password-Authentication", strategy: "auth0" },
    request: { ip: "127.0.0.1", hostname: "localhost:4000", method: "GET", query, body: {}, geoip: {} },
    transaction: { id: "tx1", protocol, requested_scopes: ["openid"], response_type: ["code"], locale: "en", ui_locales: [] },
    authentication: { methods: [{ name: "pwd", timestamp: new Date().toISOString() }] },
  };
}

const cache = createActionsCache();
const log = () => undefined;

async function login(appMetadata: Record<string, unknown> = {}) {
  return runPostLogin({ actions: [action], user: user(appMetadata), context: context(), cache, log });
}

/** Follows the Action's redirect through the app's intake and answer handlers; returns the fields posted to /continue. */
async function answerInApp(outcome: PipelineOutcome, decision: "accepted" | "declined") {
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${outcome.kind}`);
  // Each login has its own state, as on Auth0: the app records one answer per state.
  const intake = await handleTermsIntake(new Request(`${outcome.url}&state=continue-${randomUUID()}`), settings);
  expect(intake.status).toBe(303);
  const cookie = intake.headers.get("set-cookie")!.split(";")[0]!;
  const answer = await handleTermsAnswer(
    new Request(`${APP}/terms/${decision === "accepted" ? "accept" : "decline"}`, {
      method: "POST",
      headers: { origin: APP, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: decision === "accepted" ? "agree=yes" : "",
    }),
    decision,
    settings,
  );
  const html = await answer.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1]!;
  return { state: field("state"), session_token: field("session_token") };
}

function resume(outcome: PipelineOutcome, body: Record<string, string>, options: { appMetadata?: Record<string, unknown>; now?: () => number } = {}) {
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${outcome.kind}`);
  return resumePostLogin({
    suspended: outcome.suspended,
    actionsById: { [action.id]: action },
    user: user(options.appMetadata),
    request: { ip: "127.0.0.1", hostname: "localhost:4000", method: "POST", query: {}, body, geoip: {} },
    cache,
    log,
    now: options.now,
  });
}

describe("terms-of-use Action in the local runtime, answered by the app", () => {
  it("redirects a new user to the app's intake with a token the app accepts", async () => {
    const outcome = await login();
    expect(outcome.kind).toBe("redirect");
    if (outcome.kind !== "redirect") return;
    expect(outcome.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/terms\/start\?session_token=[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("accept: the app's answer passes validateToken, the history gets the version and the ID token the claim", async () => {
    const appMetadata = { termsAcceptanceHistory: [{ version: 1, acceptedAt: "2025-01-01T00:00:00.000Z", clientId: "x" }] };
    const outcome = await login(appMetadata);
    const result = await resume(outcome, await answerInApp(outcome, "accepted"), { appMetadata });
    expect(result.kind).toBe("completed");
    if (result.kind !== "completed") return;
    expect(result.userUpdates.app_metadata?.termsAcceptanceHistory).toEqual([
      { version: 1, acceptedAt: "2025-01-01T00:00:00.000Z", clientId: "x" },
      { version: 2, acceptedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), clientId: "app-client" },
    ]);
    expect(result.commands.idTokenClaims).toEqual({ [`${NAMESPACE}terms_version`]: 2 });
  });

  it("decline: the login is denied with the reason the app explains", async () => {
    const outcome = await login();
    const result = await resume(outcome, await answerInApp(outcome, "declined"));
    expect(result).toMatchObject({ kind: "denied", reason: "terms_declined" });
  });

  it("an answer posted with another login's state is refused by validateToken", async () => {
    const outcome = await login();
    const fields = await answerInApp(outcome, "accepted");
    const result = await resume(outcome, { ...fields, state: "another-state" });
    expect(result).toMatchObject({ kind: "failed", message: expect.stringContaining("State in the token does not match the /continue state.") });
  });

  it("an answer that arrives after its 60 seconds is refused as expired", async () => {
    const outcome = await login();
    const fields = await answerInApp(outcome, "accepted");
    const result = await resume(outcome, fields, { now: () => Date.now() + 61_000 });
    expect(result).toMatchObject({ kind: "failed", message: "The session token is invalid: Token has expired." });
  });

  it("an answer for another user is refused", async () => {
    const outcome = await login();
    const fields = await answerInApp(outcome, "accepted");
    if (outcome.kind !== "redirect") return;
    const result = await resumePostLogin({
      suspended: outcome.suspended,
      actionsById: { [action.id]: action },
      user: { ...user(), user_id: "auth0|someone-else" },
      request: { ip: "127.0.0.1", hostname: "localhost:4000", method: "POST", query: {}, body: fields, geoip: {} },
      cache,
      log,
    });
    expect(result).toMatchObject({ kind: "failed", message: "The session token is invalid: The sub claim does not match the user_id." });
  });

  it("a refresh-token exchange with outdated terms is denied", async () => {
    const outcome = await runPostLogin({ actions: [action], user: user(), context: context("oauth2-refresh-token"), cache, log });
    expect(outcome).toMatchObject({ kind: "denied", reason: "terms_acceptance_required" });
  });

  it("a user at the current version passes, with the version in the ID token", async () => {
    const outcome = await login({ termsAcceptanceHistory: [{ version: 2, acceptedAt: "2026-01-01T00:00:00.000Z", clientId: "x" }] });
    expect(outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: { [`${NAMESPACE}terms_version`]: 2 } } });
  });
});
