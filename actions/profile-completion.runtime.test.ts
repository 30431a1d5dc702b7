import { beforeAll, describe, expect, it } from "vitest";
import { createActionsCache, resumePostLogin, runPostLogin } from "../auth0-tenant/local/actions-runtime";
import type { DeployedAction, PipelineOutcome, TenantUser } from "../auth0-tenant/local/actions-runtime";
import { parseConfig } from "../lib/config";
import { handleProfileAnswer, profileStep } from "../lib/login-steps/profile/profile-step";
import { consentSettingsFrom } from "../lib/login-steps/settings";
import { STEP_COOKIE_NAME, unsealStepSession } from "../lib/login-steps/step-cookie";
import { handleStepIntake } from "../lib/login-steps/step-intake";
import { continueRequest, deployedAction, loginContext, tenantUser, withContinueState } from "../tests/support/action-runtime";
import { handOffFields } from "../tests/support/hand-off";
import { stepCookieOf, stepFormRequest } from "../tests/support/step-requests";
import { testEnv } from "../tests/support/test-env";

/** The deployed bundle of the profile Action in the local runtime, answered by the app's real handlers. */
const APP = "http://127.0.0.1:3000";
const NAMESPACE = "https://product-xyz.example/";
const env = testEnv();
const settings = consentSettingsFrom(parseConfig(env));
const cache = createActionsCache();
const log = () => undefined;

let action: DeployedAction;
beforeAll(async () => {
  action = await deployedAction("profile-completion", {
    PROFILE_FIELDS: "favorite_color,company",
    CLAIM_NAMESPACE: NAMESPACE,
    REDIRECT_TOKEN_SECRET: env.REDIRECT_TOKEN_SECRET!,
    APP_BASE_URL: APP,
  });
});

const user = (user_metadata: Record<string, unknown>) => tenantUser({ user_metadata });

function login(userMetadata: Record<string, unknown>, protocol: "oidc-basic-profile" | "oauth2-refresh-token" = "oidc-basic-profile") {
  return runPostLogin({ actions: [action], user: user(userMetadata), context: loginContext(protocol), cache, log });
}

/** Follows the redirect through the app: intake, then the form posted with `fields`; returns what goes to /continue. */
async function answerInApp(outcome: PipelineOutcome, fields: Record<string, string>) {
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${outcome.kind}`);
  const intake = await handleStepIntake(new Request(withContinueState(outcome.url)), profileStep, settings);
  expect(intake.status).toBe(303);
  const answer = await handleProfileAnswer(stepFormRequest(`${APP}/profile/save`, { cookie: stepCookieOf(intake), body: fields }), settings);
  return handOffFields(answer);
}

function resume(outcome: PipelineOutcome, body: Record<string, string>, reloaded: TenantUser) {
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${outcome.kind}`);
  return resumePostLogin({
    suspended: outcome.suspended,
    actionsById: { [action.id]: action },
    user: reloaded,
    request: continueRequest(body),
    cache,
    log,
  });
}

describe("profile-completion Action in the local runtime, answered by the app", () => {
  it("asks only for the missing fields", async () => {
    const outcome = await login({ company: "Acme" });
    expect(outcome.kind).toBe("redirect");
    if (outcome.kind !== "redirect") return;
    const intake = await handleStepIntake(new Request(withContinueState(outcome.url)), profileStep, settings);
    const session = await unsealStepSession(stepCookieOf(intake).slice(STEP_COOKIE_NAME.length + 1), settings.cookiePassword);
    expect(session?.data.fields).toBe("favorite_color");
  });

  it("writes the answers to user_metadata and puts the profile in the ID token", async () => {
    const outcome = await login({ company: "Acme" });
    const result = await resume(outcome, await answerInApp(outcome, { favorite_color: "Blue" }), user({ company: "Acme" }));
    expect(result).toMatchObject({
      kind: "completed",
      userUpdates: { user_metadata: { favorite_color: "blue" } },
      commands: { idTokenClaims: { [`${NAMESPACE}profile`]: { company: "Acme", favorite_color: "blue" } } },
    });
  });

  it("leaves a complete profile alone, with the profile in the ID token", async () => {
    const outcome = await login({ company: "Acme", favorite_color: "red" });
    expect(outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: { [`${NAMESPACE}profile`]: { company: "Acme", favorite_color: "red" } } } });
  });

  it("does not block a refresh-token exchange for a missing field", async () => {
    const outcome = await login({}, "oauth2-refresh-token");
    expect(outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: { [`${NAMESPACE}profile`]: {} } } });
  });

  it("denies an answer that still leaves a required field empty", async () => {
    const outcome = await login({ company: "Acme" });
    const fields = await answerInApp(outcome, { favorite_color: "blue" });
    // The company was removed from the profile while the user was away: the profile is still not complete.
    const result = await resume(outcome, fields, user({}));
    expect(result).toMatchObject({ kind: "denied", reason: "profile_incomplete" });
  });
});
