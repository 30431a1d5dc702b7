import type { AccessRule } from "../actions/lib/access-rules";
import { APP_CLIENT_KEY, PRODUCT_API_IDENTIFIER } from "./tenant-names";

/** What the app's /denied page tells a user that a rule refused. */
export interface DenialText {
  title: string;
  message: string;
}

/** An access rule, with the words that explain it to the people it refuses. */
export type AccessPolicy = AccessRule & { denial: DenialText };

/**
 * Who may not log in, and where: the one source. The sync gives the rules (without their texts) to the
 * access-policy Action as its ACCESS_POLICIES secret; the app's /denied page looks reasons up here. Edit, then run
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
    denial: {
      title: "This account cannot use Product XYZ",
      message:
        "Accounts at your email domain use the partner portal, not Product XYZ. Sign in with your company account, " +
        "or ask your account manager for access.",
    },
  },
  {
    // Auth0 gives a user any scope of an API the login asks for (without RBAC): only auditors may ask.
    id: "product-api-for-services-and-auditors",
    kind: "deny_audience_to_users",
    audience: PRODUCT_API_IDENTIFIER,
    exceptRoles: ["consent-auditor"],
    reason: "api_not_for_end_users",
    denial: {
      title: "This application cannot sign you in to the Product XYZ API",
      message:
        "The Product XYZ API is open to our own services and to consent auditors. Sign in to Product XYZ itself, " +
        "or ask your administrator for the auditor role.",
    },
  },
];

/**
 * The rules as the access-policy Action reads them: JSON, without the texts, which only the app needs (an Action
 * secret holds at most 4096 characters; the desired state checks it).
 *
 * @example
 * accessRulesSecret(); // '[{"id":"contractors-use-the-partner-portal","kind":"deny_email_domains",…}]'
 */
export function accessRulesSecret(policies: readonly AccessPolicy[] = ACCESS_POLICIES): string {
  return JSON.stringify(policies.map(({ denial: _denial, ...rule }) => rule));
}
