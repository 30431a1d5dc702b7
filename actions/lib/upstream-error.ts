import { CodedError } from "../../contract/coded-error";

/** Why a call from an Action to another service failed. Stable codes: tests match on them. */
export type UpstreamErrorCode =
  | "ERR_UPSTREAM_TIMEOUT"
  | "ERR_UPSTREAM_UNREACHABLE"
  | "ERR_UPSTREAM_RATE_LIMITED"
  | "ERR_UPSTREAM_UNAUTHORIZED"
  | "ERR_UPSTREAM_STATUS"
  | "ERR_UPSTREAM_INVALID_RESPONSE";

/** The word the Actions' log lines have always carried for each code: log searches and alerts match on it. */
const LOG_CODES: Record<UpstreamErrorCode, string> = {
  ERR_UPSTREAM_TIMEOUT: "upstream_timeout",
  ERR_UPSTREAM_UNREACHABLE: "upstream_unreachable",
  ERR_UPSTREAM_RATE_LIMITED: "upstream_rate_limited",
  ERR_UPSTREAM_UNAUTHORIZED: "upstream_unauthorized",
  ERR_UPSTREAM_STATUS: "upstream_status",
  ERR_UPSTREAM_INVALID_RESPONSE: "upstream_invalid_response",
};

/**
 * A service an Action depends on (the token endpoint, the Management API, the app's API) did not give a usable
 * answer. The message names the service and the status, never a token or a secret.
 */
export class UpstreamError extends CodedError<UpstreamErrorCode> {
  /** The code as the Action's log line names it (`upstream_timeout`, …). */
  get logCode(): string {
    return LOG_CODES[this.code];
  }
}
