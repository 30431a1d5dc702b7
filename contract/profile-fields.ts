/**
 * The profile fields the app knows how to ask for, and the longest valid value of each (in characters, after
 * trimming). The profile Action's `PROFILE_FIELDS` secret names the required ones (`auth0-tenant/tenant/login-steps.ts`);
 * values land in `user_metadata` under the same names. The app's rules and texts for each are in
 * `lib/login-steps/profile/profile-fields.ts`, keyed by these names.
 */
export const PROFILE_FIELD_MAX_LENGTHS = {
  display_name: 60,
  company: 100,
  country: 2,
  favorite_color: 41,
} as const;

export type ProfileFieldName = keyof typeof PROFILE_FIELD_MAX_LENGTHS;

export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELD_MAX_LENGTHS) as ProfileFieldName[];

export function isProfileFieldName(name: string): name is ProfileFieldName {
  return Object.hasOwn(PROFILE_FIELD_MAX_LENGTHS, name);
}
