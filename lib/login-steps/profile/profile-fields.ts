import { z } from "zod";
import { PROFILE_FIELD_MAX_LENGTHS as MAX, type ProfileFieldName } from "../../../contract/profile-fields";

/** The rule a profile field's value must meet. Its label and hint, in each language, are `lib/i18n/step-words.ts`'s. */
export interface ProfileField {
  /** The longest valid value, in characters (after trimming): the contract's. */
  maxLength: number;
  schema: z.ZodType<string, string>;
}

/**
 * The app's rules for each profile field of the contract (`contract/profile-fields.ts`, which names the
 * fields the profile Action may ask for): a field added there without its rule here fails to compile.
 */
export const PROFILE_FIELDS: Readonly<Record<ProfileFieldName, ProfileField>> = {
  display_name: {
    maxLength: MAX.display_name,
    schema: z.string().trim().min(2, "Enter at least 2 characters.").max(MAX.display_name, `Use at most ${MAX.display_name} characters.`),
  },
  company: {
    maxLength: MAX.company,
    schema: z.string().trim().min(1, "Enter the name of your company.").max(MAX.company, `Use at most ${MAX.company} characters.`),
  },
  country: {
    maxLength: MAX.country,
    schema: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Enter a two-letter country code, e.g. FR or US."),
  },
  favorite_color: {
    maxLength: MAX.favorite_color,
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3,20}( [a-z]{3,20})?$/, "Enter a colour name in letters, e.g. blue or sea green."),
  },
};

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
