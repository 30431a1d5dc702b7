import type { AccumulatedCommands } from "../actions-runtime/types";
import { redirectReply, type Reply } from "../http/reply";
import { newTotpSecret } from "../mfa/totp";
import type { Tenant } from "../tenant";
import { answerAppWithError } from "./app-response";
import type { CompletedLogin, SuspendedLogin } from "./types";

/** Where the one-time code is asked for (Auth0's Universal Login has `/u/mfa-otp-challenge` and `-enrollment-code`). */
export const MFA_OTP_PATH = "/u/mfa-otp";

/**
 * Whether the Actions asked for MFA (`api.multifactor.enable`, last call wins; `none` suppresses it). Every
 * provider (`any`, `guardian`, `google-authenticator`, `duo`) is a TOTP authenticator app on the local tenant. A
 * factor passed in this transaction at an Action's request (`challengeWith*`, `enrollWith*`) satisfies it: the user
 * is not asked for a second code in a row.
 */
export function requiresMfa(commands: AccumulatedCommands): boolean {
  if (commands.passedFactors.length > 0) return false;
  return commands.multifactor !== undefined && commands.multifactor.provider !== "none";
}

/**
 * Holds a login until the user gives a one-time code: a completed one (`api.multifactor.enable`, run after the last
 * Action as on Auth0), or one suspended by an Action's MFA request (`askedBy`, e.g. `action "gate"
 * (api.authentication.challengeWith)`). A user without an authenticator is offered a new secret, enrolled once a code
 * of it is confirmed.
 */
export function startMfaChallenge(
  tenant: Tenant,
  login: CompletedLogin | SuspendedLogin,
  who: string,
  askedBy = "api.multifactor.enable",
): Reply {
  const client = `client ${login.request.clientId}`;
  if (login.request.prompt === "none") {
    tenant.log(`login of ${who} to ${client} needs MFA under prompt=none: interaction_required`);
    return answerAppWithError(
      login.request,
      "interaction_required",
      "An Action requires multifactor authentication, which needs interaction, but the request had prompt=none.",
    );
  }
  const enrolled = tenant.stores.totpEnrollments.find(login.authentication.userId) !== undefined;
  const challenge = tenant.mfaChallenges.create({ login, who, ...(enrolled ? {} : { pendingSecret: newTotpSecret() }) });
  const step = enrolled ? "one-time code" : "authenticator enrollment";
  tenant.log(`login of ${who} to ${client} waits for MFA (${step}) asked by ${askedBy}`);
  return redirectReply(`${MFA_OTP_PATH}?state=${encodeURIComponent(challenge.id)}`);
}
