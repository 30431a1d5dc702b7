/**
 * The tenant's vocabulary: the names under which the desired state declares its Actions and clients, and by which
 * its other parts refer to them (an access policy names a client, the login steps order Actions, the validation
 * checks both). The names are what a reader looks up; the declarations stay in `desired-state.ts`.
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
