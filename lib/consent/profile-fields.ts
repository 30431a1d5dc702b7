import { z } from "zod";

/**
 * The profile fields the app knows how to ask for, with the rule each value must meet. The profile Action names
 * which of them are required (its `PROFILE_FIELDS` secret, from `auth0-tenant/login-steps.ts`); values land in
 * `user_metadata` under the same names. `maxLength` is the longest valid value, in characters (after trimming).
 */
export const PROFILE_FIELDS = {
  display_name: {
    label: "Display name",
    maxLength: 60,
    hint: "How we address you in the product.",
    schema: z.string().trim().min(2, "Enter at least 2 characters.").max(60, "Use at most 60 characters."),
  },
  company: {
    label: "Company",
    maxLength: 100,
    hint: "The organisation you work for.",
    schema: z.string().trim().min(1, "Enter the name of your company.").max(100, "Use at most 100 characters."),
  },
  country: {
    label: "Country",
    maxLength: 2,
    hint: "Two-letter code, e.g. FR, DE or US.",
    schema: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Enter a two-letter country code, e.g. FR or US."),
  },
  favorite_color: {
    label: "Favourite colour",
    maxLength: 41,
    hint: "One or two words, e.g. blue or sea green.",
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3,20}( [a-z]{3,20})?$/, "Enter a colour name in letters, e.g. blue or sea green."),
  },
} as const;

export type ProfileFieldName = keyof typeof PROFILE_FIELDS;

export function isProfileFieldName(name: string): name is ProfileFieldName {
  return Object.hasOwn(PROFILE_FIELDS, name);
}

export type ProfileValidation =
  | { valid: true; values: Record<string, string> }
  | { valid: false; values: Record<string, string>; errors: Record<string, string> };

/** Validates the submitted values of `fields`, keeping what was typed so the page can show it again. */
export function validateProfile(fields: readonly ProfileFieldName[], form: URLSearchParams): ProfileValidation {
  const typed: Record<string, string> = {};
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    typed[field] = (form.get(field) ?? "").slice(0, 200);
    const result = PROFILE_FIELDS[field].schema.safeParse(typed[field]);
    if (result.success) values[field] = result.data;
    else errors[field] = result.error.issues[0]?.message ?? "This value is not valid.";
  }
  return Object.keys(errors).length === 0 ? { valid: true, values } : { valid: false, values: typed, errors };
}
