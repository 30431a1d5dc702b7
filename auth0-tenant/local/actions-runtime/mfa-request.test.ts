import { describe, expect, it } from "vitest";
import { makeAction, makeContext, makeUser, resume as resumeWith, run } from "./test-fixtures";
import type { DeployedAction, PassedFactor, PipelineOutcome, SuspendedPipeline } from "./types";

const onExecute = (body: string, name?: string) =>
  makeAction(`exports.onExecutePostLogin = async (event, api) => {\n${body}\n};`, name ? { name } : {});

const enrolledUser = makeUser({ enrolledFactors: [{ type: "otp" }] });
const PASSED: PassedFactor = { type: "otp", timestamp: "2030-01-01T00:00:10.000Z" };

/** Asks for the challenge and records what the call returned and what the event showed. */
const gate = onExecute(
  `
  api.user.setAppMetadata("gated", true);
  const returned = api.authentication.challengeWith({ type: "otp" }, { additionalFactors: [{ type: "email" }] });
  api.idToken.setCustomClaim("gate_returned", returned === undefined ? "undefined" : typeof returned);
  console.log("gate ran");
  `,
  "gate",
);

/** Runs after the gate: shows what it saw. */
const after = onExecute(
  `
  console.log("after ran");
  api.idToken.setCustomClaim("after_saw", event.authentication.methods);
  `,
  "after",
);

function suspendedOf(outcome: PipelineOutcome): SuspendedPipeline {
  if (outcome.kind !== "mfa") throw new Error(`expected an MFA step, got ${JSON.stringify(outcome)}`);
  return outcome.suspended;
}

/** Resumes as the server does once the user passed the step; `passedFactor: null` resumes without one. */
function resume(suspended: SuspendedPipeline, actions: DeployedAction[], passedFactor: PassedFactor | null = PASSED) {
  return resumeWith(suspended, actions, { user: enrolledUser, ...(passedFactor ? { passedFactor } : {}) });
}

describe("MFA requests (api.authentication.challengeWith*, enrollWith*)", () => {
  describe("the request", () => {
    it("returns undefined and suspends after the Action, before later Actions, with its writes", async () => {
      const before = onExecute('api.transaction.setMetadata("step", 1);', "before");
      const { outcome, logs } = await run([before, gate, after], { user: enrolledUser });

      expect(logs.map((entry) => `${entry.action}:${entry.message}`)).toEqual(["gate:gate ran"]);
      expect(outcome).toEqual({
        kind: "mfa",
        step: { kind: "challenge", factor: "otp", method: "api.authentication.challengeWith" },
        action: "gate",
        suspended: {
          suspendedBy: "mfa",
          resumeIndex: 2,
          actionIds: [before.id, gate.id, after.id],
          context: makeContext(),
          commands: expect.objectContaining({ idTokenClaims: { gate_returned: "undefined" }, transactionMetadata: { step: 1 } }),
        },
        userUpdates: { app_metadata: { gated: true } },
      });
    });

    it.each([
      ['api.authentication.challengeWithAny([{ type: "email" }, { type: "otp" }])', "challenge", "challengeWithAny", enrolledUser],
      ['api.authentication.enrollWith({ type: "otp" })', "enrollment", "enrollWith", makeUser()],
      ['api.authentication.enrollWithAny([{ type: "webauthn-roaming" }, { type: "otp" }])', "enrollment", "enrollWithAny", makeUser()],
    ])("%s returns undefined and asks for the step", async (call, kind, method, user) => {
      const { outcome } = await run([onExecute(`api.idToken.setCustomClaim("returned", String(${call}));`)], { user });
      expect(outcome).toMatchObject({
        kind: "mfa",
        step: { kind, factor: "otp", method: `api.authentication.${method}` },
        suspended: { suspendedBy: "mfa", resumeIndex: 1, commands: { idTokenClaims: { returned: "undefined" } } },
      });
    });

    it("fails the execution with the TypeError of a malformed factor, dropping its commands", async () => {
      const { outcome } = await run(
        [onExecute('api.user.setAppMetadata("x", 1); api.authentication.challengeWith({ type: "sms" });')],
        { user: enrolledUser },
      );
      expect(outcome).toEqual({
        kind: "failed",
        message: expect.stringMatching(/^api\.authentication\.challengeWith: the type of the factor must be one of .*; got "sms"\.$/),
        action: expect.any(String),
        userUpdates: {},
      });
    });

    it("allows one MFA request per Action execution", async () => {
      const twice = onExecute('api.authentication.enrollWith({ type: "otp" }); api.authentication.challengeWith({ type: "otp" });');
      expect((await run([twice])).outcome).toMatchObject({
        kind: "failed",
        message:
          "api.authentication.challengeWith cannot follow api.authentication.enrollWith in the same Action execution: an Action asks for one MFA step.",
      });
    });

    it.each([
      ['api.redirect.sendUserTo("https://a.example"); api.authentication.challengeWith({ type: "otp" });'],
      ['api.authentication.challengeWith({ type: "otp" }); api.redirect.sendUserTo("https://a.example");'],
    ])("refuses a redirect and an MFA request in the same Action: %s", async (body) => {
      expect((await run([onExecute(body)], { user: enrolledUser })).outcome).toMatchObject({
        kind: "failed",
        message:
          "api.redirect.sendUserTo and api.authentication.challengeWith cannot be used in the same Action: each suspends the login after the Action. Ask for the MFA step in another Action.",
      });
    });

    it("lets deny win over an MFA request in the same Action", async () => {
      const denies = onExecute('api.authentication.challengeWith({ type: "otp" }); api.access.deny("no");');
      expect((await run([denies], { user: enrolledUser })).outcome).toMatchObject({ kind: "denied", reason: "no" });
    });
  });

  describe("no usable factor", () => {
    it("fails the login after the Action, keeping its metadata writes, and runs no later Action", async () => {
      const asksEmail = onExecute('api.user.setAppMetadata("asked", true); api.authentication.challengeWithAny([{ type: "email" }, { type: "phone" }]);', "asks-email");
      const { outcome, logs } = await run([asksEmail, after], { user: enrolledUser });
      expect(logs).toEqual([]);
      expect(outcome).toEqual({
        kind: "failed",
        message:
          "api.authentication.challengeWithAny: no requested factor is usable, so the login fails: the local tenant cannot run email, phone (it runs otp only, an authenticator app).",
        action: "asks-email",
        userUpdates: { app_metadata: { asked: true } },
      });
    });

    it("fails a challenge of a user with no authenticator enrolled", async () => {
      const { outcome } = await run([gate], { user: makeUser() });
      expect(outcome).toMatchObject({ kind: "failed", message: expect.stringContaining("the user has no otp authenticator enrolled") });
    });
  });

  describe("resumePostLogin after the step", () => {
    it("runs only the later Actions, which see mfa in event.authentication.methods", async () => {
      const before = onExecute('console.log("before ran");', "before");
      const started = await run([before, gate, after], { user: enrolledUser });
      const { outcome, logs } = await resume(suspendedOf(started.outcome), [before, gate, after]);

      expect(logs.map((entry) => `${entry.action}:${entry.message}`)).toEqual(["after:after ran"]);
      expect(outcome).toMatchObject({
        kind: "completed",
        commands: {
          idTokenClaims: {
            gate_returned: "undefined",
            after_saw: [
              { name: "pwd", timestamp: "2030-01-01T00:00:00.000Z" },
              { name: "mfa", timestamp: PASSED.timestamp, type: "otp" },
            ],
          },
          passedFactors: [PASSED],
        },
      });
    });

    it("shows the new mfa in place of the session's earlier one", async () => {
      const context = makeContext({
        authentication: {
          methods: [
            { name: "pwd", timestamp: "2029-12-31T00:00:00.000Z" },
            { name: "mfa", timestamp: "2029-12-31T00:00:05.000Z", type: "otp" },
          ],
        },
      });
      const started = await run([gate, after], { user: enrolledUser, context });
      const { outcome } = await resume(suspendedOf(started.outcome), [gate, after]);
      expect(outcome).toMatchObject({
        commands: {
          idTokenClaims: {
            after_saw: [
              { name: "pwd", timestamp: "2029-12-31T00:00:00.000Z" },
              { name: "mfa", timestamp: PASSED.timestamp, type: "otp" },
            ],
          },
        },
      });
    });

    it("completes when the Action that asked was the last one", async () => {
      const started = await run([gate], { user: enrolledUser });
      const { outcome } = await resume(suspendedOf(started.outcome), [gate]);
      expect(outcome).toMatchObject({ kind: "completed", commands: { passedFactors: [PASSED] } });
    });

    it("treats a later request naming the passed factor as satisfied, saying so in the log", async () => {
      const again = onExecute('api.authentication.challengeWithAny([{ type: "otp" }]); console.log("again ran");', "again");
      const started = await run([gate, again, after], { user: enrolledUser });
      const { outcome, logs } = await resume(suspendedOf(started.outcome), [gate, again, after]);
      expect(outcome.kind).toBe("completed");
      expect(logs.map((entry) => `${entry.action}:${entry.message}`)).toEqual([
        "again:again ran",
        "again:api.authentication.challengeWithAny: a requested factor was passed earlier in this transaction; no new MFA step.",
        "after:after ran",
      ]);
    });

    it("refuses to resume an MFA step without the passed factor", async () => {
      const started = await run([gate, after], { user: enrolledUser });
      const { outcome, logs } = await resume(suspendedOf(started.outcome), [gate, after], null);
      expect(logs).toEqual([]);
      expect(outcome).toEqual({
        kind: "failed",
        message: "The login cannot resume: it waits for an MFA step, and no passed factor was given.",
        action: "",
        userUpdates: {},
      });
    });
  });
});
