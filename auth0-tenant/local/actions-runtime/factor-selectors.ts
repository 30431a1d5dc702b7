import type { FactorRequest, FactorSelector } from "./types";

/** What `challengeWith` and `challengeWithAny` accept (Auth0's `FactorSelector`). */
export const CHALLENGE_FACTOR_TYPES: readonly string[] = [
  "otp",
  "email",
  "webauthn-platform",
  "webauthn-roaming",
  "recovery-code",
  "phone",
  "push",
  "push-notification",
];

/** What `enrollWith` and `enrollWithAny` accept (Auth0's `EnrollmentFactorSelector`): no `email`. */
export const ENROLLMENT_FACTOR_TYPES: readonly string[] = CHALLENGE_FACTOR_TYPES.filter((type) => type !== "email");

const PHONE_METHODS = ["sms", "voice", "both"];
const PUSH_TYPES = ["push", "push-notification"];

type RequestKind = FactorRequest["kind"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One factor, checked against Auth0's types and copied as JSON, so a later change by the Action cannot alter it. */
function parseFactor(value: unknown, kind: RequestKind, method: string, where: string): FactorSelector {
  if (!isObject(value) || typeof value.type !== "string") {
    throw new TypeError(`${method}: ${where} must be an object with a string "type", e.g. { type: "otp" }.`);
  }
  const { type, options } = value;
  const types = kind === "challenge" ? CHALLENGE_FACTOR_TYPES : ENROLLMENT_FACTOR_TYPES;
  if (!types.includes(type)) {
    const hint = kind === "enrollment" && type === "email" ? ' ("email" can be challenged, not enrolled)' : "";
    throw new TypeError(`${method}: the type of ${where} must be one of ${types.join(", ")}; got "${type}"${hint}.`);
  }
  if (options === undefined) return { type };
  if (!isObject(options)) throw new TypeError(`${method}: the options of ${where} ("${type}") must be an object.`);
  const { preferredMethod, otpFallback } = options;
  if (type === "phone" && preferredMethod !== undefined && !PHONE_METHODS.includes(preferredMethod as string)) {
    throw new TypeError(`${method}: options.preferredMethod of ${where} ("phone") must be one of ${PHONE_METHODS.join(", ")}.`);
  }
  if (PUSH_TYPES.includes(type) && otpFallback !== undefined && typeof otpFallback !== "boolean") {
    throw new TypeError(`${method}: options.otpFallback of ${where} ("${type}") must be a boolean.`);
  }
  return { type, options: JSON.parse(JSON.stringify(options)) as Record<string, unknown> };
}

/**
 * The arguments of `challengeWith(factor, { additionalFactors })` or `enrollWith(…)`: the default factor first, then
 * the additional ones.
 */
export function requestWith(kind: RequestKind, method: string, factor: unknown, options: unknown): FactorRequest {
  const factors = [parseFactor(factor, kind, method, "the factor")];
  if (options === undefined) return { kind, method, factors };
  if (!isObject(options)) {
    throw new TypeError(`${method}: the options must be an object, e.g. { additionalFactors: [{ type: "otp" }] }.`);
  }
  const { additionalFactors } = options;
  if (additionalFactors !== undefined) {
    if (!Array.isArray(additionalFactors)) {
      throw new TypeError(`${method}: options.additionalFactors must be an array of factors.`);
    }
    additionalFactors.forEach((additional, index) =>
      factors.push(parseFactor(additional, kind, method, `options.additionalFactors[${index}]`)),
    );
  }
  return { kind, method, factors };
}

/** The argument of `challengeWithAny(factors)` or `enrollWithAny(factors)`. */
export function requestWithAny(kind: RequestKind, method: string, factors: unknown): FactorRequest {
  if (!Array.isArray(factors) || factors.length === 0) {
    throw new TypeError(`${method}: the factors must be a non-empty array, e.g. [{ type: "otp" }].`);
  }
  const parsed = Array.from(factors, (factor, index) => parseFactor(factor, kind, method, `factors[${index}]`));
  return { kind, method, factors: parsed };
}
