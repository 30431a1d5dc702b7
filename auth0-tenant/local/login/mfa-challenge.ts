import type { AccumulatedCommands } from "../actions-runtime/types";
import { redirectReply, type Reply } from "../http/reply";
import { newTotpSecret } from "../mfa/totp";
import type { Tenant } from "../tenant";
import { answerAppWithError } from "./app-response";
import type { CompletedLogin } from "./types";

/** Where the one-time code is asked for (Auth0's Universal Login has `/u/mfa-otp-challenge` and `-enrollment-code`). */
export const MFA_OTP_PATH = "/u/mfa-otp";

/**
 * Whether the Actions asked for MFA (`api.multifactor.enable`, last call wins; `none` suppresses it). Every
 * provider (`any`, `guardian`, `google-authenticator`, `duo`) is a TOTP authenticator app on the local tenant.
 */
export function requiresMfa(commands: AccumulatedCommands): boolean {
  return commands.multifactor !== undefined && commands.multifactor.provider !== "none";
}

/**
 * Holds a completed login until the user gives a one-time code, as Auth0 runs MFA after the last Action. A user
 * without an authenticator is offered a new secret, enrolled once a code of it is confirmed.
 */
export function startMfaChallenge(tenant: Tenant, login: CompletedLogin, who: string): Reply {
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
  tenant.log(`login of ${who} to ${client} waits for MFA (${enrolled ? "one-time code" : "authenticator enrollment"})`);
  return redirectReply(`${MFA_OTP_PATH}?state=${encodeURIComponent(challenge.id)}`);
}
