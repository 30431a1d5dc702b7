import type { FactorRequest, MfaStep, PassedFactor } from "./types";

/** The one factor the local tenant runs: an authenticator app (TOTP). */
const LOCAL_FACTOR = "otp";

export type MfaStepPlan =
  /** A requested factor was passed earlier in this transaction: nothing to ask, the login goes on. */
  | { kind: "satisfied" }
  | { kind: "step"; step: MfaStep }
  /** No requested factor is usable: the login fails with `reason`. */
  | { kind: "refused"; reason: string };

/**
 * Auth0's rules for an MFA request, applied to what the local tenant can run. A request naming a factor already
 * passed in this transaction is satisfied (passing any one of its factors fulfils it). Otherwise Auth0 ignores the
 * factors it cannot run, those the user has not enrolled (challenge) and those the user has enrolled already
 * (enrollment); with none left, the login fails.
 */
export function planMfaStep(
  request: FactorRequest,
  enrolledFactors: ReadonlyArray<{ type: string }>,
  passedFactors: readonly PassedFactor[],
): MfaStepPlan {
  const types = [...new Set(request.factors.map((factor) => factor.type))];
  if (types.some((type) => passedFactors.some((passed) => passed.type === type))) return { kind: "satisfied" };

  const reasons: string[] = [];
  const unsupported = types.filter((type) => type !== LOCAL_FACTOR);
  if (unsupported.length > 0) {
    reasons.push(`the local tenant cannot run ${unsupported.join(", ")} (it runs otp only, an authenticator app)`);
  }
  const enrolled = enrolledFactors.some((factor) => factor.type === LOCAL_FACTOR);
  if (types.includes(LOCAL_FACTOR)) {
    if (request.kind === "challenge" && !enrolled) {
      reasons.push(
        'the user has no otp authenticator enrolled, and a challenge ignores factors not enrolled (when event.user.enrolledFactors has no otp, ask for api.authentication.enrollWith({ type: "otp" }) instead)',
      );
    } else if (request.kind === "enrollment" && enrolled) {
      reasons.push(
        'the user has an otp authenticator enrolled already, and an enrollment ignores factors already enrolled (challenge it with api.authentication.challengeWith({ type: "otp" }) instead)',
      );
    } else {
      return { kind: "step", step: { kind: request.kind, factor: LOCAL_FACTOR, method: request.method } };
    }
  }
  const reason = `${request.method}: no requested factor is usable, so the login fails: ${reasons.join("; ")}.`;
  return { kind: "refused", reason };
}
