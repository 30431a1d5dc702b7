import type { ActionDenyReason } from "../../contract/denials";
import type { PostLoginApi } from "../../contract/post-login";
import { UpstreamError } from "./upstream-error";

export interface ClaimFailure {
  /** What the Action could not get, as logs name it, e.g. `groups`. */
  claim: string;
  /** From the Action's `…_REQUIRED` secret: deny the login, or go on without the claim. */
  required: boolean;
  /** The stable reason for `api.access.deny`; the app's /denied page explains it. */
  denyReason: ActionDenyReason;
  error: unknown;
}

/**
 * Applies a claim's failure policy: a claim the product can do without must not lock users out when the service
 * behind it is slow, rate limited or down, so the login goes on without it; a required one denies the login. Both
 * are logged, with the error's code as the logs have always named it (`upstream_timeout`, …).
 *
 * @example
 * catch (error) { handleClaimFailure(api, { claim: "groups", required: false, denyReason: "groups_unavailable", error }); return; }
 */
export function handleClaimFailure(api: PostLoginApi, failure: ClaimFailure): void {
  const { error } = failure;
  const cause =
    error instanceof UpstreamError ? `${error.logCode}: ${error.message}` : `unexpected: ${error instanceof Error ? error.message : String(error)}`;
  if (failure.required) {
    console.error(`${failure.claim}: ${cause}; login denied (${failure.denyReason})`);
    api.access.deny(failure.denyReason);
  } else {
    console.warn(`${failure.claim}: ${cause}; login continues without the claim`);
  }
}
