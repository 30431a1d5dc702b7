import { ACCESS_POLICIES } from "../auth0-tenant/access-policies";

/**
 * The stable reasons our Actions pass to `api.access.deny`, and what the app tells the user for each.
 * Auth0 sends the reason back as `error_description`. The access rules' reasons and texts come from the policy
 * file itself (`auth0-tenant/access-policies.ts`), so a new rule is explained without an edit here.
 */
const MESSAGES: Record<string, { title: string; message: string }> = {
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
  ...Object.fromEntries(ACCESS_POLICIES.map((policy) => [policy.reason, policy.denial])),
};

const GENERIC = {
  title: "Sign-in was not completed",
  message: "Your sign-in could not be completed. Sign in again, and contact support if it keeps happening.",
};

/** The denied page's path for an OAuth error code and description from the callback. */
export function deniedPagePath(code: string | undefined, description: string | undefined): string {
  const params = new URLSearchParams({ error: code ?? "unknown_error" });
  if (description) params.set("reason", description.slice(0, 200));
  return `/denied?${params.toString()}`;
}

/** What to show for a reason; an unknown reason gets the generic text, never its own words. */
export function describeDenial(reason: string | undefined): { title: string; message: string; known: boolean } {
  const known = reason && Object.hasOwn(MESSAGES, reason) ? MESSAGES[reason] : undefined;
  return known ? { ...known, known: true } : { ...GENERIC, known: false };
}
