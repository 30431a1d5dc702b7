import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActionsCache, resumePostLogin, runPostLogin } from "../../../auth0-tenant/local/actions-runtime";
import type { DeployedAction, PipelineOutcome, TenantUser } from "../../../auth0-tenant/local/actions-runtime";
import { nodeListener } from "../../../bench/node-adapter";
import { continueRequest, deployedAction, loginContext, tenantUser } from "../../../tests/support/action-runtime";
import { handOffForm } from "../../../tests/support/hand-off";
import { stepCookieOf } from "../../../tests/support/step-requests";
import { testEnv } from "../../../tests/support/test-env";
import { DEFAULT_RATE_LIMIT, parseConfig } from "../../config";
import type { ConsentLedger } from "../../ledger/consent-ledger";
import type { Database } from "../../database/database";
import { backendNames, createTestBackend, type TestBackend } from "../../database/testing/test-backends";
import { ledgerOver } from "../../ledger/testing/ledger-over";
import { redirectTokenKey } from "../../redirect-token/secret-key";
import { consentSettingsFrom, type ConsentSettings } from "../settings";
import { handleStepIntake } from "../step-intake";
import { handleTermsAnswer } from "./terms-answer";
import { termsStep } from "./terms-step";

/**
 * The terms step's records bound to the user and the login, over real HTTP: the deployed terms Action runs in the
 * local tenant's runtime and makes each login's token; two app servers (on PostgreSQL, each with a pool of its
 * own, as two instances) take the intake and the answers; the Action's `onContinuePostLogin` gets what the app sent.
 */
const env = testEnv();
const config = parseConfig(env);
const answerKey = redirectTokenKey(env.REDIRECT_TOKEN_SECRET!);
let action: DeployedAction;
const cache = createActionsCache();
const log = () => undefined;

beforeAll(async () => {
  action = await deployedAction("terms-of-use", {
    TERMS_VERSION: "2",
    CLAIM_NAMESPACE: "https://product-xyz.example/",
    REDIRECT_TOKEN_SECRET: env.REDIRECT_TOKEN_SECRET!,
    APP_BASE_URL: "https://app.example.com",
  });
});

interface Login {
  user: TenantUser;
  outcome: Extract<PipelineOutcome, { kind: "redirect" }>;
  /** The `state` Auth0 adds to the Action's redirect. */
  state: string;
  sessionToken: string;
}

/** A login of `userId` that the terms Action sends to the app. */
async function login(userId: string): Promise<Login> {
  const user = tenantUser({ user_id: userId });
  const outcome = await runPostLogin({ actions: [action], user, context: loginContext(), cache, log });
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${outcome.kind}`);
  return { user, outcome, state: `continue-${randomUUID()}`, sessionToken: new URL(outcome.url).searchParams.get("session_token")! };
}

/** `/continue` for `login`'s suspended transaction, with the fields the app's hand-off page posts. */
function resume(login: Login, body: Record<string, string>) {
  return resumePostLogin({
    suspended: login.outcome.suspended,
    actionsById: { [action.id]: action },
    user: login.user,
    request: continueRequest(body),
    cache,
    log,
  });
}

interface App {
  origin: string;
  server: Server;
  settings: ConsentSettings;
}

async function startApp(ledger: ConsentLedger): Promise<App> {
  const app = { settings: consentSettingsFrom(config, ledger) } as App;
  app.server = createServer(
    nodeListener({
      "GET /terms/start": (request) => handleStepIntake(request, termsStep, app.settings),
      "POST /terms/accept": (request) => handleTermsAnswer(request, "accepted", app.settings),
    }),
  );
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  app.origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  app.settings = { ...app.settings, appOrigin: app.origin };
  return app;
}

/** The browser at the intake with this token and state; returns the step cookie. */
async function intake(app: App, sessionToken: string, state: string): Promise<string> {
  const response = await fetch(`${app.origin}/terms/start?${new URLSearchParams({ session_token: sessionToken, state })}`, { redirect: "manual" });
  expect(response.status).toBe(303);
  return stepCookieOf(response);
}

async function accept(app: App, cookie: string) {
  const response = await fetch(`${app.origin}/terms/accept`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: app.origin, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: "agree=yes",
  });
  const html = await response.text();
  const { state, session_token: token } = handOffForm(html);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    html,
    fields: token ? { state: state!, session_token: token } : undefined,
    claims: token ? (await jwtVerify(token, answerKey, { algorithms: ["HS256"] })).payload : undefined,
  };
}

describe.each(backendNames)("terms answers bound to the user and the login, over HTTP, on %s", (name) => {
  let backend: TestBackend;
  const handles: Database[] = [];
  const apps: App[] = [];
  beforeAll(async () => {
    backend = await createTestBackend(name);
    // PGlite is one process's database: both servers share its one handle. PostgreSQL: a pool each.
    const shared = await backend.open();
    handles.push(shared, ...(name === "postgres" ? [await backend.open()] : []));
    const ledgers = handles.map((handle) => ledgerOver(handle));
    for (const ledger of [ledgers[0]!, ledgers[1] ?? ledgers[0]!]) apps.push(await startApp(ledger));
  });
  afterAll(async () => {
    for (const app of apps) {
      app.server.closeAllConnections();
      await new Promise((resolve) => app.server.close(resolve));
    }
    await Promise.all(handles.map((handle) => handle.close()));
    await backend.dispose();
  });

  const rowsOf = async (userId: string) =>
    (await handles[0]!.query<{ login_state: string; login_id: string }>("SELECT login_state, login_id FROM consent_records WHERE user_id = $1", [userId])).rows;

  it("one login's token with made-up states: one row; every other state is refused with 409 and nothing signed", async () => {
    const mallory = await login(`auth0|mallory-${randomUUID()}`);
    const first = await accept(apps[0]!, await intake(apps[0]!, mallory.sessionToken, mallory.state));
    expect(first.status).toBe(200);
    const others = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => accept(apps[index % 2]!, await intake(apps[index % 2]!, mallory.sessionToken, `made-up-${index}`))),
    );
    expect(others.map((answer) => answer.status)).toEqual(Array(30).fill(409));
    expect(others.every((answer) => answer.claims === undefined)).toBe(true);
    expect(await rowsOf(mallory.user.user_id)).toEqual([{ login_state: mallory.state, login_id: first.claims!.login_id }]);
  });

  it("another user answering a login's state first neither blocks that login nor passes /continue for it", async () => {
    const victim = await login(`auth0|victim-${randomUUID()}`);
    const mallory = await login(`auth0|mallory-${randomUUID()}`);
    const squat = await accept(apps[0]!, await intake(apps[0]!, mallory.sessionToken, victim.state));
    expect(squat.status).toBe(200);
    expect(await resume(victim, squat.fields!)).toMatchObject({ kind: "failed", message: "The session token is invalid: The sub claim does not match the user_id." });

    const answered = await accept(apps[1]!, await intake(apps[1]!, victim.sessionToken, victim.state));
    expect(answered.status).toBe(200);
    expect(await resume(victim, answered.fields!)).toMatchObject({ kind: "completed" });
    expect(await rowsOf(victim.user.user_id)).toEqual([{ login_state: victim.state, login_id: answered.claims!.login_id }]);
    expect(await rowsOf(mallory.user.user_id)).toHaveLength(1);
  });

  it("an answer made from one login's token is refused at another login's /continue, even under its state", async () => {
    const userId = `auth0|u-${randomUUID()}`;
    const [one, two] = [await login(userId), await login(userId)];
    const crossed = await accept(apps[0]!, await intake(apps[0]!, one.sessionToken, two.state));
    expect(crossed.status).toBe(200);
    expect(await resume(two, crossed.fields!)).toMatchObject({ kind: "denied", reason: "terms_acceptance_required" });
  });

  it(`a user's new records are limited to ${DEFAULT_RATE_LIMIT.records} an hour across both servers: 429 with Retry-After, nothing recorded or signed`, async () => {
    const userId = `auth0|busy-${randomUUID()}`;
    const logins = await Promise.all(Array.from({ length: DEFAULT_RATE_LIMIT.records + 3 }, () => login(userId)));
    const cookies = await Promise.all(logins.map((each, index) => intake(apps[index % 2]!, each.sessionToken, each.state)));
    const answers = await Promise.all(cookies.map((cookie, index) => accept(apps[index % 2]!, cookie)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(DEFAULT_RATE_LIMIT.records).fill(200), 429, 429, 429]);
    for (const refused of answers.filter((answer) => answer.status === 429)) {
      expect(Number(refused.retryAfter)).toBeGreaterThan(DEFAULT_RATE_LIMIT.windowSeconds - 60);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(DEFAULT_RATE_LIMIT.windowSeconds);
      expect(refused.claims).toBeUndefined();
      expect(refused.html).toContain("Too many answers — try again later");
    }
    expect(await rowsOf(userId)).toHaveLength(DEFAULT_RATE_LIMIT.records);
    // A replay of a recorded login is not a new record: signed again, still.
    const recorded = answers.findIndex((answer) => answer.status === 200);
    expect((await accept(apps[1]!, cookies[recorded]!)).status).toBe(200);
    expect(await rowsOf(userId)).toHaveLength(DEFAULT_RATE_LIMIT.records);
  });
});
