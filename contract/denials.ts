/**
 * The stable reasons the Actions pass to `api.access.deny`, and the words the app's `/denied` page shows for each.
 * Auth0 sends the reason back to the app as `error_description`. The access rules (`auth0-tenant/tenant/access-policies.ts`)
 * name their reason from `ACCESS_POLICY_DENIALS`, so every reason a rule can give is explained here.
 */
export interface DenialText {
  title: string;
  message: string;
}

/** Reasons the Actions' own code gives. */
export const ACTION_DENIALS = {
  terms_declined: {
    title: "You declined the terms of use",
    message: "You can use Product XYZ once you accept its terms. Sign in again whenever you are ready.",
  },
  terms_acceptance_required: {
    title: "Please accept the terms of use first",
    message: "This application cannot show you the terms. Sign in to Product XYZ in your browser and accept them, then try again.",
  },
  terms_version_mismatch: {
    title: "The terms changed while you were signing in",
    message: "Sign in again to read and accept the current version.",
  },
  profile_incomplete: {
    title: "Your profile is not complete",
    message: "Product XYZ needs a few details about you. Sign in again to fill them in.",
  },
  groups_unavailable: {
    title: "Your groups could not be read",
    message: "Product XYZ needs your directory groups to sign you in, and could not read them just now. Try again in a minute.",
  },
  business_data_unavailable: {
    title: "Your account details could not be read",
    message: "Product XYZ needs your account details to sign you in, and could not read them just now. Try again in a minute.",
  },
  access_policy_unavailable: {
    title: "Sign-in is unavailable",
    message: "Sign-in rules could not be checked, so nobody can sign in right now. Contact support.",
  },
} as const satisfies Record<string, DenialText>;

/** Reasons the access rules give, with the words that explain them to the people they refuse. */
export const ACCESS_POLICY_DENIALS = {
  email_domain_not_allowed: {
    title: "This account cannot use Product XYZ",
    message:
      "Accounts at your email domain use the partner portal, not Product XYZ. Sign in with your company account, " +
      "or ask your account manager for access.",
  },
  api_not_for_end_users: {
    title: "This application cannot sign you in to the Product XYZ API",
    message:
      "The Product XYZ API is open to our own services and to consent auditors. Sign in to Product XYZ itself, " +
      "or ask your administrator for the auditor role.",
  },
} as const satisfies Record<string, DenialText>;

export type ActionDenyReason = keyof typeof ACTION_DENIALS;
export type AccessPolicyReason = keyof typeof ACCESS_POLICY_DENIALS;
export type DenyReason = ActionDenyReason | AccessPolicyReason;

export const DENIALS: Readonly<Record<DenyReason, DenialText>> = { ...ACTION_DENIALS, ...ACCESS_POLICY_DENIALS };

export function isDenyReason(reason: string): reason is DenyReason {
  return Object.hasOwn(DENIALS, reason);
}
