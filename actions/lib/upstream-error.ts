/** Why a call from an Action to another service failed. Stable codes: logs and tests match on them. */
export type UpstreamErrorCode =
  | "upstream_timeout"
  | "upstream_unreachable"
  | "upstream_rate_limited"
  | "upstream_unauthorized"
  | "upstream_status"
  | "upstream_invalid_response";

/**
 * A service an Action depends on (the token endpoint, the Management API, the app's API) did not give a usable
 * answer. The message names the service and the status, never a token or a secret.
 */
export class UpstreamError extends Error {
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "UpstreamError";
  }
}
