import type { AccumulatedCommands, PipelineOutcome } from "../actions-runtime/types";
import { OAuthError } from "../errors";
import type { Tenant } from "../tenant";
import { requiresMfa } from "./mfa-challenge";

/**
 * What the Actions decided for an exchange at `/oauth/token` (refresh token, password), where nobody can be
 * redirected: the commands of a completed run, or Auth0's 403 — `access_denied` with the reason for a deny, a failure
 * or a redirect, `mfa_required` when MFA is due (Auth0's MFA API, `mfa_token`, is not emulated).
 */
export function settleBackChannelOutcome(tenant: Tenant, outcome: PipelineOutcome, who: string, exchange: string): AccumulatedCommands {
  switch (outcome.kind) {
    case "denied":
      tenant.log(`${who} denied by action "${outcome.action}": ${outcome.reason}`);
      throw new OAuthError("access_denied", outcome.reason, 403);
    case "failed":
      tenant.log(`${who} failed in action "${outcome.action}": ${outcome.message}`);
      throw new OAuthError("access_denied", outcome.message, 403);
    case "redirect":
      tenant.log(`${who} refused: an action redirected during ${exchange}`);
      throw new OAuthError(
        "access_denied",
        `An Action called api.redirect.sendUserTo during ${exchange}, which cannot redirect (api.redirect.canRedirect() is false here); guard the redirect with canRedirect().`,
        403,
      );
    case "mfa":
      throw mfaRequired(tenant, `${who} refused: action "${outcome.action}" called ${outcome.step.method}`, exchange);
    case "completed":
      break;
  }
  if (requiresMfa(outcome.commands)) throw mfaRequired(tenant, `${who} refused: an action called api.multifactor.enable`, exchange);
  return outcome.commands;
}

function mfaRequired(tenant: Tenant, refusal: string, exchange: string): OAuthError {
  tenant.log(`${refusal} during ${exchange} (mfa_required)`);
  return new OAuthError("mfa_required", "Multifactor authentication required", 403);
}
