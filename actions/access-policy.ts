/**
 * Access policy. Denies a login that one of the access rules refuses (by email domain for an application, an API
 * asked for by an end user, outside weekdays for an application...). The rules are data, kept in
 * `auth0-tenant/tenant/access-policies.ts` and handed over as a JSON secret; each carries the stable reason given to
 * `api.access.deny`, which the app's /denied page explains.
 *
 * Bound first: a login that is refused anyway should not be asked to accept the terms, nor be recorded in the
 * consent ledger.
 *
 * Secrets: ACCESS_POLICIES (JSON, at most 4096 characters).
 */
import { evaluateAccessRules, loginFacts } from "./lib/access-rules";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { AccessRulesError, parseAccessRules } from "./lib/parse-access-rules";
import { requireSecret } from "./lib/secrets";

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  let rules;
  try {
    rules = parseAccessRules(requireSecret(event.secrets, "ACCESS_POLICIES"));
  } catch (error) {
    // A security control that cannot read its rules fails closed.
    if (!(error instanceof AccessRulesError)) throw error;
    console.error(`access policy: ${error.message} Login denied (access_policy_unavailable).`);
    api.access.deny("access_policy_unavailable");
    return;
  }
  const decision = evaluateAccessRules(rules, loginFacts(event, new Date()));
  if (!decision.allowed) {
    console.log(`access policy: rule "${decision.ruleId}" denies this login (${decision.reason})`);
    api.access.deny(decision.reason);
  }
}
