import { sealData, unsealData } from "../iron/seal";

/** What the app remembers between the intake and the answer: sealed (encrypted and authenticated) in a cookie. */
export interface StepSession {
  step: string;
  /** The Auth0 user id from the verified session token. */
  sub: string;
  /** Auth0's `state`, returned with the answer. */
  state: string;
  /** The Action's `login_id` for this login, returned with the answer and recorded with it. */
  loginId: string;
  /** The step's own data, e.g. `{ termsVersion: 2 }`. */
  data: Record<string, string | number>;
}

export const STEP_COOKIE_NAME = "consent_step";
/** Long enough to read the terms; Auth0 forgets a suspended login after an hour anyway. */
export const STEP_COOKIE_TTL_SECONDS = 30 * 60;

export function sealStepSession(session: StepSession, password: string): string {
  return sealData(session, { password, ttl: STEP_COOKIE_TTL_SECONDS });
}

/** The session in a cookie value, or `null` when it is absent, expired, tampered with or sealed by another secret. */
export function unsealStepSession(value: string | undefined, password: string): StepSession | null {
  if (!value || value.length > 4096) return null;
  const data = unsealData(value, { password, ttl: STEP_COOKIE_TTL_SECONDS });
  if (typeof data !== "object" || data === null) return null;
  const { step, sub, state, loginId, data: stepData } = data as Partial<StepSession>;
  if (typeof step !== "string" || typeof sub !== "string" || typeof state !== "string" || typeof loginId !== "string") return null;
  if (typeof stepData !== "object" || stepData === null) return null;
  return { step, sub, state, loginId, data: stepData };
}

/** Browsers keep a cookie only if its name, value and attributes fit in 4096 bytes (RFC 6265 §6.1's minimum). */
export const MAX_SET_COOKIE_BYTES = 4096;

/** `Set-Cookie` value for a step cookie, scoped to the step's own paths. */
export function stepCookieHeader(value: string, options: { path: string; secure: boolean }): string {
  return [
    `${STEP_COOKIE_NAME}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${STEP_COOKIE_TTL_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearStepCookieHeader(options: { path: string; secure: boolean }): string {
  return [`${STEP_COOKIE_NAME}=`, `Path=${options.path}`, "Max-Age=0", "HttpOnly", "SameSite=Lax", ...(options.secure ? ["Secure"] : [])].join(
    "; ",
  );
}

/** Reads one cookie from a `Cookie` header without a parser dependency. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
