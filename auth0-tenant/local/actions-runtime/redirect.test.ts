import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { HOSTNAME, makeAction, makeContext, makeUser, NOW_MS, resume as resumeWith, run } from "./test-fixtures";
import type { ActionRequest, DeployedAction, PipelineOutcome, SuspendedPipeline, TenantUser } from "./types";

const SECRET = "terms-redirect-secret-at-least-32-bytes";
const NOW_S = NOW_MS / 1000;
const CONTINUE_STATE = "auth0-continue-state";

const onExecute = (body: string, name?: string) =>
  makeAction(`exports.onExecutePostLogin = async (event, api) => {\n${body}\n};`, name ? { name } : {});

/** The terms Action of the login story: redirect out with a session token, validate the answer on the way back. */
const termsAction = makeAction(
  `
  exports.onExecutePostLogin = async (event, api) => {
    api.user.setAppMetadata("asked", true);
    api.transaction.setMetadata("asked_at", 1);
    api.idToken.setCustomClaim("before_redirect", true);
    const token = api.redirect.encodeToken({ secret: event.secrets.SECRET, payload: { terms: "v3" }, expiresInSeconds: 600 });
    api.redirect.sendUserTo("https://app.example.com/terms?from=auth0&session_token=stale", { query: { session_token: token, lang: "fr" } });
    console.log("after sendUserTo");
  };
  exports.onContinuePostLogin = async (event, api) => {
    const payload = api.redirect.validateToken({ secret: event.secrets.SECRET });
    api.authentication.recordMethod("https://app.example.com/terms");
    api.idToken.setCustomClaim("accepted", payload.accepted);
    api.idToken.setCustomClaim("continue_saw", {
      method: event.request.method,
      user_terms: event.user.app_metadata.terms_version,
      tx: event.transaction.metadata,
    });
  };
`,
  { name: "terms", secrets: { SECRET } },
);

function continueRequest(
  body: Record<string, string>,
  query: Record<string, string> = { state: CONTINUE_STATE },
): ActionRequest {
  return { ...makeContext().request, method: "POST", query, body };
}

async function returnToken(claims: Record<string, unknown> = {}) {
  const standard = { sub: "auth0|user-1", iss: "127.0.0.1:3000", iat: NOW_S, exp: NOW_S + 120, state: CONTINUE_STATE };
  return new SignJWT({ ...standard, accepted: true, ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(SECRET));
}

function suspendedOf(outcome: PipelineOutcome): SuspendedPipeline {
  if (outcome.kind !== "redirect") throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
  return outcome.suspended;
}

function resume(suspended: SuspendedPipeline, actions: DeployedAction[], request: ActionRequest, user: TenantUser = makeUser()) {
  return resumeWith(suspended, actions, { request, user });
}

describe("redirect", () => {
  describe("api.redirect.sendUserTo", () => {
    it("suspends after the Action completes, before later Actions, with the URL built from the query", async () => {
      const before = onExecute('api.user.setUserMetadata("seen", 1);', "before");
      const after = onExecute('console.log("after ran");', "after");
      const { outcome, logs } = await run([before, termsAction, after]);

      expect(logs.map((entry) => entry.message)).toEqual(["after sendUserTo"]);
      expect(outcome).toMatchObject({
        kind: "redirect",
        userUpdates: { user_metadata: { seen: 1 }, app_metadata: { asked: true } },
        suspended: {
          resumeIndex: 1,
          actionIds: [before.id, termsAction.id, after.id],
          context: makeContext(),
          commands: { idTokenClaims: { before_redirect: true }, transactionMetadata: { asked_at: 1 } },
        },
      });
      const url = new URL(outcome.kind === "redirect" ? outcome.url : "");
      expect(url.origin + url.pathname).toBe("https://app.example.com/terms");
      expect([...url.searchParams.keys()]).toEqual(["from", "session_token", "lang"]);
      expect(url.searchParams.get("session_token")).not.toBe("stale");
    });

    it("puts a token from encodeToken in the URL that the app can verify", async () => {
      const { outcome } = await run([termsAction]);
      const token = new URL(outcome.kind === "redirect" ? outcome.url : "").searchParams.get("session_token") ?? "";
      expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
      const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: new Date(NOW_MS) });
      expect(payload).toEqual({ iat: NOW_S, iss: HOSTNAME, sub: "auth0|user-1", exp: NOW_S + 600, ip: "203.0.113.9", terms: "v3" });
    });

    it("fails on a relative URL", async () => {
      const { outcome } = await run([onExecute('api.redirect.sendUserTo("/terms");')]);
      expect(outcome).toMatchObject({ kind: "failed", message: "Invalid URL" });
    });

    it("allows one redirect per Action", async () => {
      const { outcome } = await run([onExecute('api.redirect.sendUserTo("https://a.example"); api.redirect.sendUserTo("https://b.example");')]);
      expect(outcome).toMatchObject({ kind: "failed", message: "api.redirect.sendUserTo can be called only once per Action execution." });
    });

    it("lets deny win over a redirect in the same Action", async () => {
      const { outcome } = await run([onExecute('api.redirect.sendUserTo("https://a.example"); api.access.deny("no");')]);
      expect(outcome).toMatchObject({ kind: "denied", reason: "no" });
    });
  });

  describe("api.redirect.canRedirect", () => {
    const canRedirect = onExecute('api.idToken.setCustomClaim("can", api.redirect.canRedirect());');
    const withProtocol = (protocol: "oauth2-refresh-token" | "oauth2-password") =>
      makeContext({ transaction: { ...makeContext().transaction, protocol } });

    it("is true for a browser login", async () => {
      expect((await run([canRedirect])).outcome).toMatchObject({ commands: { idTokenClaims: { can: true } } });
    });

    it("is false under prompt=none", async () => {
      const context = makeContext();
      context.request.query.prompt = "none";
      expect((await run([canRedirect], { context })).outcome).toMatchObject({ commands: { idTokenClaims: { can: false } } });
    });

    it.each(["oauth2-refresh-token", "oauth2-password"] as const)("is false for %s", async (protocol) => {
      expect((await run([canRedirect], { context: withProtocol(protocol) })).outcome).toMatchObject({
        commands: { idTokenClaims: { can: false } },
      });
    });

    it("turns a redirect on a back-channel grant into a failure that says why", async () => {
      const { outcome } = await run([termsAction], { context: withProtocol("oauth2-refresh-token") });
      expect(outcome).toEqual({
        kind: "failed",
        message: 'The Action "terms" called api.redirect.sendUserTo, but a "oauth2-refresh-token" request cannot be redirected; check api.redirect.canRedirect() first.',
        action: "terms",
        userUpdates: {},
      });
    });

    it("still returns the redirect under prompt=none (the server answers interaction_required)", async () => {
      const context = makeContext();
      context.request.query.prompt = "none";
      expect((await run([termsAction], { context })).outcome.kind).toBe("redirect");
    });
  });
});

describe("resumePostLogin", () => {
  describe("the terms flow", () => {
    it("runs onContinuePostLogin of the suspended Action, then only the later Actions", async () => {
      const before = onExecute('console.log("before ran");', "before");
      const after = onExecute(
        'api.idToken.setCustomClaim("after_saw", { methods: event.authentication.methods.map((m) => m.name), tx: event.transaction.metadata });',
        "after",
      );
      const started = await run([before, termsAction, after]);
      const reloaded = makeUser({ app_metadata: { plan: "gold", asked: true, terms_version: 3 } });

      const request = continueRequest({ session_token: await returnToken() });
      const { outcome, logs } = await resume(suspendedOf(started.outcome), [before, termsAction, after], request, reloaded);

      expect(logs).toEqual([]);
      expect(outcome).toEqual({
        kind: "completed",
        commands: {
          idTokenClaims: {
            before_redirect: true,
            accepted: true,
            continue_saw: { method: "POST", user_terms: 3, tx: { asked_at: 1 } },
            after_saw: { methods: ["pwd", "https://app.example.com/terms"], tx: { asked_at: 1 } },
          },
          accessTokenClaims: {},
          scopeChanges: {},
          transactionMetadata: { asked_at: 1 },
          recordedMethods: [{ name: "https://app.example.com/terms", timestamp: new Date(NOW_MS).toISOString() }],
          passedFactors: [],
        },
        userUpdates: {},
      });
    });

    it("runs the Action's current code when it was redeployed while the user was away", async () => {
      const started = await run([termsAction]);
      const redeployed = {
        ...termsAction,
        code: `${termsAction.code}\nexports.onContinuePostLogin = async (event, api) => { api.idToken.setCustomClaim("v2", true); };`,
      };
      const { outcome } = await resume(suspendedOf(started.outcome), [redeployed], continueRequest({}));
      expect(outcome).toMatchObject({ kind: "completed", commands: { idTokenClaims: { v2: true } } });
    });

    it("fails when the suspended Action has no onContinuePostLogin", async () => {
      const noContinue = makeAction('exports.onExecutePostLogin = async (event, api) => { api.redirect.sendUserTo("https://a.example"); };');
      const started = await run([noContinue]);
      const { outcome } = await resume(suspendedOf(started.outcome), [noContinue], continueRequest({}));
      expect(outcome).toMatchObject({
        kind: "failed",
        message:
          'Invalid function signature for the "onContinuePostLogin" handler. Use "exports.onContinuePostLogin = async function(event, api) { }" as the signature.',
      });
    });

    it("fails clearly when a bound Action is no longer deployed", async () => {
      const after = onExecute("");
      const started = await run([termsAction, after]);
      const request = continueRequest({ session_token: await returnToken() });
      const { outcome } = await resume(suspendedOf(started.outcome), [termsAction], request);
      expect(outcome).toEqual({
        kind: "failed",
        message: `The login cannot resume: the Action "${after.id}", bound when it started, is no longer deployed.`,
        action: after.id,
        userUpdates: {},
      });
    });
  });

  describe("api.redirect.validateToken", () => {
    const resumeWith = async (request: ActionRequest) =>
      (await resume(suspendedOf((await run([termsAction])).outcome), [termsAction], request)).outcome;

    it("says which parameter is missing", async () => {
      expect(await resumeWith(continueRequest({}))).toMatchObject({
        kind: "failed",
        message: "There is no parameter called 'session_token' available in either the POST body or query string.",
      });
    });

    it("reads the token from the query string too", async () => {
      const request = continueRequest({}, { state: CONTINUE_STATE, session_token: await returnToken() });
      expect(await resumeWith(request)).toMatchObject({ kind: "completed", commands: { idTokenClaims: { accepted: true } } });
    });

    it("takes state from the body over the query", async () => {
      const request = continueRequest({ session_token: await returnToken(), state: "body-state" });
      expect(await resumeWith(request)).toMatchObject({
        kind: "failed",
        message: "The session token is invalid: State in the token does not match the /continue state.",
      });
    });

    it("fails with Auth0's prefix and a precise reason", async () => {
      const request = continueRequest({ session_token: await returnToken({ exp: NOW_S - 5 }) });
      expect(await resumeWith(request)).toMatchObject({ kind: "failed", message: "The session token is invalid: Token has expired." });
    });
  });

  describe("api.authentication.recordMethod", () => {
    it("cannot be called from onExecutePostLogin", async () => {
      const { outcome } = await run([onExecute('api.authentication.recordMethod("https://app.example.com/mfa");')]);
      expect(outcome).toMatchObject({
        kind: "failed",
        message: "api.authentication.recordMethod can be called only from onContinuePostLogin, after a redirect.",
      });
    });
  });
});
