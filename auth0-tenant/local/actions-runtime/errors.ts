/**
 * Errors the runtime raises itself. Where Auth0 defines the exact text (loader, validateToken), the message is Auth0's;
 * the class and `code` let the server and tests tell the cases apart without parsing messages.
 * Errors that Auth0's own api shim throws at the caller (scope and claim checks) stay plain `Error`/`TypeError`,
 * as there.
 */

export type ActionsRuntimeErrorCode =
  | "action_export_invalid"
  | "handler_signature_invalid"
  | "module_not_found"
  | "action_timeout"
  | "api_misuse"
  | "not_emulated"
  | "metadata_too_large"
  | "transaction_metadata_invalid"
  | "session_token_missing"
  | "session_token_invalid"
  | "custom_claims_too_large";

export class ActionsRuntimeError extends Error {
  readonly code: ActionsRuntimeErrorCode;

  constructor(code: ActionsRuntimeErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ActionTimeoutError extends ActionsRuntimeError {
  constructor(actionName: string, timeoutMs: number) {
    super(
      "action_timeout",
      `Request to Webtask exceeded allowed execution time: the Action "${actionName}" was still running when the ${timeoutMs} ms budget ran out.`,
    );
  }
}

export class SessionTokenInvalidError extends ActionsRuntimeError {
  /** The reason alone, without the `The session token is invalid: ` prefix. */
  readonly reason: string;

  constructor(reason: string) {
    super("session_token_invalid", `The session token is invalid: ${reason}`);
    this.reason = reason;
  }
}

export class CustomClaimsTooLargeError extends ActionsRuntimeError {
  readonly bytes: number;
  readonly limit: number;

  constructor(bytes: number, limit: number) {
    super(
      "custom_claims_too_large",
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
    "api_misuse",
    `api.redirect.sendUserTo and ${mfaMethod} cannot be used in the same Action: each suspends the login after the Action. Ask for the MFA step in another Action.`,
  );
}
