/**
 * The local tenant's post-login Actions runtime: runs the deployed Action code the way Auth0 does and answers with
 * an outcome the HTTP server applies. See `types.ts` for the contract.
 */
export { runPostLogin, resumePostLogin } from "./pipeline";
export { createActionsCache } from "./cache";
export { applyCustomClaims, isAuth0ApiAudience, MAX_CUSTOM_CLAIMS_BYTES, type ApplyCustomClaimsInput } from "./custom-claims";
export {
  ActionsRuntimeError,
  ActionTimeoutError,
  CustomClaimsTooLargeError,
  SessionTokenInvalidError,
  type ActionsRuntimeErrorCode,
} from "./errors";
export type * from "./types";
