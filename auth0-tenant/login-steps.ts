import { isProfileFieldName } from "../contract/profile-fields";
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

export class LoginStepsError extends Error {
  readonly code = "ERR_LOGIN_STEPS";
}

/** The `PROFILE_FIELDS` secret of the profile Action; refuses a field the app cannot ask for. */
export function profileFieldsSecret(fields: readonly string[] = LOGIN_STEPS.profileFields): string {
  const unknown = fields.filter((field) => !isProfileFieldName(field));
  if (unknown.length > 0) throw new LoginStepsError(`Unknown profile fields in auth0-tenant/login-steps.ts: ${unknown.join(", ")}`);
  if (fields.length === 0) throw new LoginStepsError("auth0-tenant/login-steps.ts asks for no profile field: unbind the profile step instead.");
  return fields.join(",");
}
