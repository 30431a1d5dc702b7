import { isProfileFieldName, type ProfileFieldName } from "../../contract/profile-fields";

/** The names of a `PROFILE_FIELDS` secret (comma-separated): those the app knows, and any others. */
export function parseProfileFields(secret: string): { known: ProfileFieldName[]; unknown: string[] } {
  const names = secret
    .split(",")
    .map((field) => field.trim())
    .filter(Boolean);
  return { known: names.filter(isProfileFieldName), unknown: names.filter((name) => !isProfileFieldName(name)) };
}

export function isFilled(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The fields of `fields` that `user_metadata` has no value for: what the profile step asks. */
export function missingProfileFields(fields: readonly ProfileFieldName[], userMetadata: Record<string, unknown>): ProfileFieldName[] {
  return fields.filter((field) => !isFilled(userMetadata[field]));
}
