import { isProfileFieldName } from "../../contract/profile-fields";
import { PROFILE_COMPLETION_ACTION, TERMS_OF_USE_ACTION } from "./tenant-names";

/**
 * The login steps that need the user, as configuration. When several are due in one login they happen one after
 * the other, in `order` (the order of their post-login bindings).
 */
export const LOGIN_STEPS = {
  order: [TERMS_OF_USE_ACTION, PROFILE_COMPLETION_ACTION],
  /** Asked once, kept in `user_metadata`; names from `lib/login-steps/profile/profile-fields.ts`. */
  profileFields: ["favorite_color"],
} as const;

/** The `PROFILE_FIELDS` secret of the profile Action (the desired state checks it with `profileFieldProblems`). */
export function profileFieldsSecret(fields: readonly string[] = LOGIN_STEPS.profileFields): string {
  return fields.join(",");
}

/** What is wrong with a list of profile fields: a field the app cannot ask for, or none at all. */
export function profileFieldProblems(fields: readonly string[]): string[] {
  const unknown = fields.filter((field) => !isProfileFieldName(field));
  if (unknown.length > 0) return [`Unknown profile fields in auth0-tenant/tenant/login-steps.ts: ${unknown.join(", ")}`];
  if (fields.length === 0) return ["auth0-tenant/tenant/login-steps.ts asks for no profile field: unbind the profile step instead."];
  return [];
}
