/**
 * Names that the desired state, the access policies and the app share. Kept apart from `desired-state.ts`, which
 * imports the bundler: the app (through `lib/denied-reasons.ts`) must be able to import the policies without it.
 */
export const APP_CLIENT_KEY = "product-xyz-app";
export const BUSINESS_DATA_CLIENT_KEY = "business-data-action";
export const GROUPS_CLIENT_KEY = "groups-action";

/** The Actions, by name: each is `actions/<name>.ts`. */
export const ACCESS_POLICY_ACTION = "access-policy";
export const MFA_POLICY_ACTION = "mfa-policy";
export const TERMS_OF_USE_ACTION = "terms-of-use";
export const PROFILE_COMPLETION_ACTION = "profile-completion";
export const GROUPS_ACTION = "groups";
export const ROLES_ACTION = "roles";
export const BUSINESS_DATA_ACTION = "business-data";
