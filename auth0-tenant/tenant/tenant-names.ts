/**
 * The names of the Actions and clients that the desired state declares and that its parts refer to (the access
 * policies name a client, the login steps order Actions). Apart from `desired-state.ts`, which imports those parts.
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
