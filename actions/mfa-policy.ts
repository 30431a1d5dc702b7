/**
 * MFA policy. Asks for a second factor (`api.multifactor.enable("any")`) when a login matches the policy: from a
 * country or continent (`event.request.geoip`), by a user with a role, or to an application. The policy is data,
 * kept in `auth0-tenant/tenant/mfa-policy.ts` and handed over as a JSON secret; the rules are in `lib/mfa-rules.ts`.
 *
 * Skipped on refresh-token exchanges, and when this session already passed MFA. The challenge itself happens after
 * the last Action (Auth0's, or the local tenant's one-time code page), whatever the binding position.
 *
 * Secrets: MFA_POLICY (JSON, at most 4096 characters).
 */
import { decideMfa, mfaFacts, type MfaPolicy } from "./lib/mfa-rules";
import { MfaPolicyError, parseMfaPolicy } from "./lib/parse-mfa-policy";
import type { MfaPostLoginApi, MfaPostLoginEvent } from "../contract/post-login";
import { requireSecret } from "./lib/secrets";

export async function onExecutePostLogin(event: MfaPostLoginEvent, api: MfaPostLoginApi): Promise<void> {
  const decision = decideMfa(readPolicy(event), mfaFacts(event));
  if (!decision.challenge) return;
  console.log(`mfa policy: second factor required (${decision.reason})`);
  // Never "remember this browser": the policy is asked again at every login outside an MFA'd session.
  api.multifactor.enable("any", { allowRememberBrowser: false });
}

function readPolicy(event: MfaPostLoginEvent): MfaPolicy | "unreadable" {
  try {
    return parseMfaPolicy(requireSecret(event.secrets, "MFA_POLICY"));
  } catch (error) {
    // A security control that cannot read its rules fails closed: every login is challenged until it is fixed.
    if (!(error instanceof MfaPolicyError)) throw error;
    console.error(`mfa policy: ${error.message}; every login is challenged`);
    return "unreadable";
  }
}
