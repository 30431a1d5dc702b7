import { beforeAll, describe, expect, it } from "vitest";
import { createActionsCache, resumePostLogin, runPostLogin } from "../auth0-tenant/local/actions-runtime";
import type { DeployedAction, PipelineOutcome, TenantUser } from "../auth0-tenant/local/actions-runtime";
import { parseConfig } from "../lib/config";
import { consentSettingsFrom } from "../lib/login-steps/settings";
import { handleStepIntake } from "../lib/login-steps/step-intake";
import { handleTermsAnswer } from "../lib/login-steps/terms/terms-answer";
import { termsStep } from "../lib/login-steps/terms/terms-step";
import { continueRequest, deployedAction, loginContext, tenantUser, withContinueState } from "../tests/support/action-runtime";
import { handOffFields } from "../tests/support/hand-off";
import { stepCookieOf, stepFormRequest } from "../tests/support/step-requests";
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
  action = await deployedAction("terms-of-use", {
    TERMS_VERSION: "2",
    CLAIM_NAMESPACE: NAMESPACE,
    REDIRECT_TOKEN_SECRET: env.REDIRECT_TOKEN_SECRET!,
    APP_BASE_URL: APP,
  });
});

const cache = createActionsCache();
const log = () => undefined;
const user = (app_metadata: Record<string, unknown> = {}) => tenantUser({ app_metadata });

async function login(appMetadata: Record<string, unknown> = {}) {
  return runPostLogin({ actions: [action], user: user(appMetadata), context: loginContext(), cache, log });
}

/** Follows the Action's redirect through the app's intake and answer handlers; returns the fields posted to /continue. */
async function answerInApp(outcome: PipelineOutcome, decision: "accepted" | "declined") {
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${outcome.kind}`);
  const intake = await handleStepIntake(new Request(withContinueState(outcome.url)), termsStep, settings);
  expect(intake.status).toBe(303);
  const answer = await handleTermsAnswer(
    stepFormRequest(`${APP}/terms/${decision === "accepted" ? "accept" : "decline"}`, {
      cookie: stepCookieOf(intake),
      body: decision === "accepted" ? "agree=yes" : "",
    }),
    decision,
    settings,
  );
  return handOffFields(answer);
}

function resume(outcome: PipelineOutcome, body: Record<string, string>, options: { user?: TenantUser; now?: () => number } = {}) {
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${outcome.kind}`);
  return resumePostLogin({
    suspended: outcome.suspended,
    actionsById: { [action.id]: action },
    user: options.user ?? user(),
    request: continueRequest(body),
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
    const result = await resume(outcome, await answerInApp(outcome, "accepted"), { user: user(appMetadata) });
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
    const result = await resume(outcome, fields, { user: tenantUser({ user_id: "auth0|someone-else" }) });
    expect(result).toMatchObject({ kind: "failed", message: "The session token is invalid: The sub claim does not match the user_id." });
  });

  it("a refresh-token exchange with outdated terms is denied", async () => {
    const outcome = await runPostLogin({ actions: [action], user: user(), context: loginContext("oauth2-refresh-token"), cache, log });
    expect(outcome).toMatchObject({ kind: "denied", reason: "terms_acceptance_required" });
  });

  it("a user at the current version passes, with the version in the ID token", async () => {
    const outcome = await login({ termsAcceptanceHistory: [{ version: 2, acceptedAt: "2026-01-01T00:00:00.000Z", clientId: "x" }] });
    expect(outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: { [`${NAMESPACE}terms_version`]: 2 } } });
  });
});
