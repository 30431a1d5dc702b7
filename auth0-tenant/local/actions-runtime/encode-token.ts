import { ActionsRuntimeError } from "./errors";
import { signHs256 } from "./hs256";

/** Auth0's default lifetime for `api.redirect.encodeToken`. */
export const DEFAULT_SESSION_TOKEN_SECONDS = 900;

export interface EncodeTokenOptions {
  secret: unknown;
  payload?: Record<string, unknown>;
  expiresInSeconds?: number;
}

export interface EncodeTokenContext {
  /** `event.request.hostname`: becomes `iss`, bare, as Auth0 issues it. */
  hostname: string;
  ip: string;
  userId: string;
  nowMs: number;
}

export function assertSecret(secret: unknown, method: string): asserts secret is string {
  if (typeof secret !== "string" || secret === "") {
    throw new ActionsRuntimeError(
      "ERR_ACTION_API_MISUSE",
      `api.redirect.${method}: "secret" must be a non-empty string (is the secret defined on this Action?).`,
    );
  }
}

/**
 * `api.redirect.encodeToken`: synchronous, like Auth0's. The payload is spread last, so it may override the
 * standard claims, exactly as Auth0's shim builds it.
 */
export function encodeToken(options: EncodeTokenOptions, context: EncodeTokenContext): string {
  assertSecret(options.secret, "encodeToken");
  const iat = Math.floor(context.nowMs / 1000);
  const claims = {
    iat,
    iss: context.hostname,
    sub: context.userId,
    exp: iat + (options.expiresInSeconds ?? DEFAULT_SESSION_TOKEN_SECONDS),
    ip: context.ip,
    ...options.payload,
  };
  return signHs256(claims, options.secret);
}
