import { z } from "zod";
import { PROFILE_FIELD_MAX_LENGTHS as MAX, type ProfileFieldName } from "../../../contract/profile-fields";
import type { StepWords } from "../../i18n/step-words";

/**
 * The rule a profile field's value must meet. Its label, hint and what a refused value is told, in each language,
 * are `lib/i18n/step-words.ts`'s.
 */
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
    schema: z.string().trim().min(2).max(MAX.display_name),
  },
  company: {
    maxLength: MAX.company,
    schema: z.string().trim().min(1).max(MAX.company),
  },
  country: {
    maxLength: MAX.country,
    schema: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/),
  },
  favorite_color: {
    maxLength: MAX.favorite_color,
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3,20}( [a-z]{3,20})?$/),
  },
};

export type ProfileValidation =
  | { valid: true; values: Record<string, string> }
  | { valid: false; values: Record<string, string>; errors: Record<string, string> };

/**
 * Validates the submitted values of `fields`, keeping what was typed so the page can show it again, with each refused
 * value's message in `words`' language: too long, or the field's own message.
 */
export function validateProfile(fields: readonly ProfileFieldName[], form: URLSearchParams, words: StepWords["profile"]): ProfileValidation {
  const typed: Record<string, string> = {};
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    typed[field] = (form.get(field) ?? "").slice(0, 200);
    const result = PROFILE_FIELDS[field].schema.safeParse(typed[field]);
    if (result.success) values[field] = result.data;
    else errors[field] = result.error.issues[0]?.code === "too_big" ? words.tooLong(PROFILE_FIELDS[field].maxLength) : words.fields[field].invalid;
  }
  return Object.keys(errors).length === 0 ? { valid: true, values } : { valid: false, values: typed, errors };
}
