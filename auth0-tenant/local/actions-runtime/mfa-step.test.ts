import { describe, expect, it } from "vitest";
import { planMfaStep } from "./mfa-step";
import type { FactorRequest } from "./types";

const OTP_ENROLLED = [{ type: "otp" }];
const PASSED_OTP = [{ type: "otp" as const, timestamp: "2030-01-01T00:00:00.000Z" }];

const challenge = (...types: string[]): FactorRequest => ({
  kind: "challenge",
  method: "api.authentication.challengeWithAny",
  factors: types.map((type) => ({ type })),
});
const enrollment = (...types: string[]): FactorRequest => ({
  kind: "enrollment",
  method: "api.authentication.enrollWith",
  factors: types.map((type) => ({ type })),
});

describe("planMfaStep", () => {
  describe("a usable factor", () => {
    it("challenges an enrolled user's authenticator, whatever else is named", () => {
      expect(planMfaStep(challenge("email", "otp", "phone"), OTP_ENROLLED, [])).toEqual({
        kind: "step",
        step: { kind: "challenge", factor: "otp", method: "api.authentication.challengeWithAny" },
      });
    });

    it("enrolls the authenticator of a user who has none", () => {
      expect(planMfaStep(enrollment("otp", "push-notification"), [], [])).toEqual({
        kind: "step",
        step: { kind: "enrollment", factor: "otp", method: "api.authentication.enrollWith" },
      });
    });
  });

  describe("a factor passed earlier in this transaction", () => {
    it("satisfies a later challenge naming it, enrolled or not", () => {
      expect(planMfaStep(challenge("otp"), OTP_ENROLLED, PASSED_OTP)).toEqual({ kind: "satisfied" });
      expect(planMfaStep(challenge("email", "otp"), [], PASSED_OTP)).toEqual({ kind: "satisfied" });
    });

    it("satisfies a later enrollment naming it (the user enrolled it in this transaction)", () => {
      expect(planMfaStep(enrollment("otp"), OTP_ENROLLED, PASSED_OTP)).toEqual({ kind: "satisfied" });
    });
  });

  describe("no usable factor: the login fails, saying why", () => {
    it("names the factors the local tenant cannot run", () => {
      expect(planMfaStep(challenge("email", "phone", "email"), OTP_ENROLLED, [])).toEqual({
        kind: "refused",
        reason:
          "api.authentication.challengeWithAny: no requested factor is usable, so the login fails: the local tenant cannot run email, phone (it runs otp only, an authenticator app).",
      });
    });

    it("refuses to challenge a user with no authenticator, pointing to enrollWith", () => {
      const plan = planMfaStep(challenge("otp", "webauthn-roaming"), [], []);
      expect(plan).toEqual({
        kind: "refused",
        reason:
          'api.authentication.challengeWithAny: no requested factor is usable, so the login fails: the local tenant cannot run webauthn-roaming (it runs otp only, an authenticator app); the user has no otp authenticator enrolled, and a challenge ignores factors not enrolled (when event.user.enrolledFactors has no otp, ask for api.authentication.enrollWith({ type: "otp" }) instead).',
      });
    });

    it("refuses to enroll a second authenticator, pointing to challengeWith", () => {
      expect(planMfaStep(enrollment("otp"), OTP_ENROLLED, [])).toEqual({
        kind: "refused",
        reason:
          'api.authentication.enrollWith: no requested factor is usable, so the login fails: the user has an otp authenticator enrolled already, and an enrollment ignores factors already enrolled (challenge it with api.authentication.challengeWith({ type: "otp" }) instead).',
      });
    });
  });
});
