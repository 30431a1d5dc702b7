import { CodedError } from "../../contract/coded-error";

/** Stable codes, so callers (the dev command, tests) can tell failures apart without parsing messages. */
export type SyncErrorCode =
  | "ERR_SYNC_USAGE"
  | "ERR_SYNC_LOCAL_TENANT_MISSING"
  | "ERR_SYNC_UNREACHABLE"
  | "ERR_SYNC_UNAUTHORIZED"
  | "ERR_SYNC_FORBIDDEN"
  | "ERR_SYNC_RATE_LIMITED"
  | "ERR_SYNC_MANAGEMENT_API"
  | "ERR_SYNC_ACTION_BUILD_FAILED"
  | "ERR_SYNC_ACTION_BUILD_TIMEOUT"
  | "ERR_SYNC_AMBIGUOUS"
  | "ERR_SYNC_CLIENT_SECRET_UNREADABLE"
  | "ERR_SYNC_DESIRED_STATE"
  | "ERR_SYNC_ENV_FILE"
  | "ERR_SYNC_STATE_FILE";

/** Every failure of the sync; the message says what to do, and never contains a secret value. */
export class SyncError extends CodedError<SyncErrorCode> {}
