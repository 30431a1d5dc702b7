import { isProfileFieldName, type ProfileFieldName } from "../../../contract/profile-fields";
import { PROFILE_FIELDS } from "./profile-fields";
import type { StepSession } from "../step-cookie";

/** The fields a step session asks for. */
export function profileFieldsOf(session: StepSession): ProfileFieldName[] {
  return String(session.data.fields ?? "")
    .split(",")
    .filter(isProfileFieldName);
}

/** What the page shows again after a refused answer: the typed values and a message per field. */
export interface ProfileDraft {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export function profileDraftOf(session: StepSession): ProfileDraft | undefined {
  if (typeof session.data.draft !== "string") return undefined;
  try {
    return JSON.parse(session.data.draft) as ProfileDraft;
  } catch {
    return undefined;
  }
}

/** Characters kept beyond a field's longest valid value: enough for the user to see what was too long. */
export const KEPT_BEYOND_MAX_LENGTH = 20;
/** Control and format characters: never part of a valid value, invisible in the field, and 6 to 12 bytes each once sealed. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * What is kept of a refused answer to show it again, bounded before it is sealed into the cookie: per field, the
 * typed value without control characters, cut at the field's longest valid value plus `KEPT_BEYOND_MAX_LENGTH`
 * characters (code points, so no surrogate pair is split).
 *
 * @example
 * keptDraft({ country: "France\u0000" }, { country: "Enter a two-letter country code, e.g. FR or US." });
 * // { values: { country: "France" }, errors: { country: "…" } }
 */
export function keptDraft(values: Record<string, string>, errors: Record<string, string>): ProfileDraft {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (!isProfileFieldName(name)) continue;
    const limit = PROFILE_FIELDS[name].maxLength + KEPT_BEYOND_MAX_LENGTH;
    kept[name] = Array.from(value.replace(UNPRINTABLE, "")).slice(0, limit).join("");
  }
  return { values: kept, errors };
}
