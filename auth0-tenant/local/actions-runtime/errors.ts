import { CodedError } from "../../../contract/coded-error";

/**
 * Errors the runtime raises itself. Where Auth0 defines the exact text (loader, validateToken), the message is Auth0's;
 * the class and `code` let the server and tests tell the cases apart without parsing messages.
 * Errors that Auth0's own api shim throws at the caller (scope and claim checks) stay plain `Error`/`TypeError`,
 * as there.
 */

export type ActionsRuntimeErrorCode =
  | "ERR_ACTION_EXPORT_INVALID"
  | "ERR_ACTION_HANDLER_SIGNATURE_INVALID"
  | "ERR_ACTION_MODULE_NOT_FOUND"
  | "ERR_ACTION_TIMEOUT"
  | "ERR_ACTION_API_MISUSE"
  | "ERR_ACTION_API_NOT_EMULATED"
  | "ERR_ACTION_METADATA_TOO_LARGE"
  | "ERR_ACTION_TRANSACTION_METADATA_INVALID"
  | "ERR_ACTION_SESSION_TOKEN_MISSING"
  | "ERR_ACTION_SESSION_TOKEN_INVALID"
  | "ERR_ACTION_CUSTOM_CLAIMS_TOO_LARGE";

export class ActionsRuntimeError extends CodedError<ActionsRuntimeErrorCode> {}

export class ActionTimeoutError extends ActionsRuntimeError {
  constructor(actionName: string, timeoutMs: number) {
    super(
      "ERR_ACTION_TIMEOUT",
      `Request to Webtask exceeded allowed execution time: the Action "${actionName}" was still running when the ${timeoutMs} ms budget ran out.`,
    );
  }
}

export class SessionTokenInvalidError extends ActionsRuntimeError {
  /** The reason alone, without the `The session token is invalid: ` prefix. */
  readonly reason: string;

  constructor(reason: string) {
    super("ERR_ACTION_SESSION_TOKEN_INVALID", `The session token is invalid: ${reason}`);
    this.reason = reason;
  }
}

export class CustomClaimsTooLargeError extends ActionsRuntimeError {
  readonly bytes: number;
  readonly limit: number;

  constructor(bytes: number, limit: number) {
    super(
      "ERR_ACTION_CUSTOM_CLAIMS_TOO_LARGE",
      `The custom claims of this token take ${bytes} bytes of JSON (names and values); Auth0 allows at most ${limit} bytes (100 KB) per token.`,
    );
    this.bytes = bytes;
    this.limit = limit;
  }
}

/**
 * `api.redirect.sendUserTo` and an MFA request (`challengeWith*`, `enrollWith*`) in one Action: each suspends the
 * login after the Action, which can wait for one of them only. Auth0's reference does not say which would win, so the
 * local tenant refuses the pair, as Auth0 refuses a redirect with a render in one Action.
 */
export function redirectWithMfaError(mfaMethod: string): ActionsRuntimeError {
  return new ActionsRuntimeError(
    "ERR_ACTION_API_MISUSE",
    `api.redirect.sendUserTo and ${mfaMethod} cannot be used in the same Action: each suspends the login after the Action. Ask for the MFA step in another Action.`,
  );
}
