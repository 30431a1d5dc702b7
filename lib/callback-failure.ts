/**
 * Where the app's callback sends a sign-in that did not complete. Only an error the tenant answered at the
 * callback (`error=access_denied` from an Action's `api.access.deny`, a declined step…) is a denial, explained on
 * `/denied`. Anything else failed on the way (the code exchange timed out or was refused, state lost): the user did
 * nothing wrong and is asked to try again.
 */
export const SIGN_IN_FAILED_PATH = "/sign-in-failed";

/** The SDK's `code` for an error the authorization server sent to the callback (`AuthorizationError`). */
const TENANT_ANSWERED_ERROR = "authorization_error";

export function isDenial(error: { code?: string }): boolean {
  return error.code === TENANT_ANSWERED_ERROR;
}
