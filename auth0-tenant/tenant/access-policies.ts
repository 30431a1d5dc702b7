import type { AccessRule } from "../../actions/lib/access-rules";
import type { AccessPolicyReason } from "../../contract/denials";
import { PRODUCT_API } from "../../contract/product-api";
import { APP_CLIENT_KEY } from "./tenant-names";

/** An access rule whose reason the app's /denied page explains (`ACCESS_POLICY_DENIALS` of `contract/denials.ts`). */
export type AccessPolicy = AccessRule & { reason: AccessPolicyReason };

/**
 * Who may not log in, and where: the one source. The sync gives the rules (without their texts) to the
 * access-policy Action as its ACCESS_POLICIES secret; a new reason gets its words in `contract/denials.ts`. Edit, then run
 * `npm run tenant:sync -- --apply`; no Action code changes. Rules are checked in order; the first that denies
 * wins. Kinds (`actions/lib/access-rules.ts`):
 *
 * - `deny_email_domains`: `{ domains: ["contractors.example"] }`, optionally for some `clients` only;
 * - `deny_audience_to_users`: `{ audience, exceptRoles? }`: end users may not get a token for this API;
 * - `weekdays_only`: `{ timeZone: "Europe/Paris" }` for some `clients`: refused on Saturdays and Sundays.
 *
 * Clients are named by the desired state's key (`{ key: APP_CLIENT_KEY }`) or by name (`{ name: "Payroll" }`).
 */
export const ACCESS_POLICIES: readonly AccessPolicy[] = [
  {
    id: "contractors-use-the-partner-portal",
    kind: "deny_email_domains",
    clients: [{ key: APP_CLIENT_KEY }],
    domains: ["contractors.example"],
    reason: "email_domain_not_allowed",
  },
  {
    // Auth0 gives a user any scope of an API the login asks for (without RBAC): only auditors may ask.
    id: "product-api-for-services-and-auditors",
    kind: "deny_audience_to_users",
    audience: PRODUCT_API.identifier,
    exceptRoles: ["consent-auditor"],
    reason: "api_not_for_end_users",
  },
];

/**
 * The rules as the access-policy Action reads them: JSON (an Action secret holds at most 4096 characters; the
 * desired state checks it).
 *
 * @example
 * accessRulesSecret(); // '[{"id":"contractors-use-the-partner-portal","kind":"deny_email_domains",…}]'
 */
export function accessRulesSecret(policies: readonly AccessPolicy[] = ACCESS_POLICIES): string {
  return JSON.stringify(policies);
}
