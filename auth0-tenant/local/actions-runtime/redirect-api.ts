import type { PostLoginApi } from "../../../contract/post-login";
import type { PostLoginEvent } from "./build-event";
import { assertSecret, encodeToken, type EncodeTokenOptions } from "./encode-token";
import { ActionsRuntimeError, redirectWithMfaError, SessionTokenInvalidError } from "./errors";
import type { Execution } from "./execution";
import { validateSessionToken } from "./validate-token";

export const DEFAULT_TOKEN_PARAMETER = "session_token";

/** Back-channel grants: there is no browser to send anywhere. */
export const NO_REDIRECT_PROTOCOLS: readonly string[] = [
  "oauth2-resource-owner",
  "oauth2-refresh-token",
  "oauth2-password",
  "oauth2-webauthn",
];

export function canRedirect(event: PostLoginEvent): boolean {
  if (event.request?.query?.prompt === "none") return false;
  return !NO_REDIRECT_PROTOCOLS.includes(event.transaction?.protocol ?? "unknown-protocol");
}

export interface RedirectApiInput {
  event: PostLoginEvent;
  execution: Execution;
  now: () => number;
  /** The whole `api`, returned by `sendUserTo` for chaining. */
  api: PostLoginApi;
}

export function createRedirectApi({ event, execution, now, api }: RedirectApiInput) {
  return {
    encodeToken(options: EncodeTokenOptions): string {
      return encodeToken(options, {
        hostname: event.request.hostname,
        ip: event.request.ip,
        userId: event.user.user_id,
        nowMs: now(),
      });
    },

    /** Takes effect once the Action completes: the pipeline then suspends at this Action. */
    sendUserTo(url: string, options?: { query?: Record<string, unknown> }): PostLoginApi {
      if (execution.redirectUrl !== undefined) {
        throw new ActionsRuntimeError("ERR_ACTION_API_MISUSE", "api.redirect.sendUserTo can be called only once per Action execution.");
      }
      if (execution.factorRequest) throw redirectWithMfaError(execution.factorRequest.method);
      const target = new URL(url);
      for (const [name, value] of Object.entries(options?.query ?? {})) target.searchParams.set(name, String(value));
      execution.redirectUrl = target.href;
      return api;
    },

    canRedirect: () => canRedirect(event),

    validateToken(options: { secret: unknown; tokenParameterName?: string }): Record<string, unknown> {
      const name = options.tokenParameterName || DEFAULT_TOKEN_PARAMETER;
      const params: Record<string, string> = { ...event.request.query, ...event.request.body };
      const token = params[name];
      if (!token) {
        throw new ActionsRuntimeError(
          "ERR_ACTION_SESSION_TOKEN_MISSING",
          `There is no parameter called '${name}' available in either the POST body or query string.`,
        );
      }
      assertSecret(options.secret, "validateToken");
      const result = validateSessionToken({
        token,
        secret: options.secret,
        expectedState: params.state,
        expectedSub: event.user.user_id,
        nowSeconds: Math.floor(now() / 1000),
      });
      if (!result.valid) throw new SessionTokenInvalidError(result.reason);
      return result.claims;
    },
  };
}
