import { isProfileFieldName, type ProfileFieldName } from "./profile-fields";
import type { StepSession } from "./step-cookie";

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
