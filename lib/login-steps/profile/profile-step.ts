import { stepLocale } from "../../i18n/step-language";
import { stepWords } from "../../i18n/step-words";
import { STEPS } from "../../../contract/login-steps";
import { isProfileFieldName } from "../../../contract/profile-fields";
import { validateProfile } from "./profile-fields";
import { profilePage } from "./profile-page";
import { keptDraft, profileFieldsOf, type ProfileDraft } from "./profile-session";
import type { ConsentSettings } from "../settings";
import type { StepDefinition } from "../step";
import { handOff, openStepAnswer } from "../step-answer";
import { MAX_SET_COOKIE_BYTES, sealStepSession, stepCookieHeader, type StepSession } from "../step-cookie";

export const PROFILE_PATH = STEPS.profile.path;

/**
 * The profile step: the Action names the missing fields; the app asks for exactly those it knows. The shared handlers
 * serve it at `GET /profile/start` (the intake, where the profile Action sends the browser) and `GET /profile` (a field
 * for each missing value, with what was typed and the messages of a refused answer).
 */
export const profileStep: StepDefinition<"profile"> = {
  ...STEPS.profile,
  intake(payload) {
    const fields = payload.fields;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every((field) => typeof field === "string")) {
      return { refusal: { error: "linkNotValid", reason: 'The session_token has no list of "fields" to ask for.' } };
    }
    const unknown = fields.filter((field) => !isProfileFieldName(field));
    if (unknown.length > 0) {
      return {
        refusal: {
          error: "cannotContinue",
          reason: `The sign-in asked for ${unknown.join(", ")}, which this app does not know. Deploy the app with those fields.`,
        },
      };
    }
    return { data: { fields: fields.join(",") } };
  },
  page: profilePage,
};

/**
 * `POST /profile/save`: validates every field on the server. Refused: back to the page with the values kept and a
 * message per field (in the sealed cookie, so nothing typed appears in a URL; bounded, so the cookie always fits and
 * the sign-in is never lost). Valid: the values go to Auth0 signed.
 */
export async function handleProfileAnswer(request: Request, settings: ConsentSettings): Promise<Response> {
  const opened = await openStepAnswer(request, profileStep, settings);
  if (opened instanceof Response) return opened;
  const { session, form } = opened;
  const locale = stepLocale(session.data, request);
  const result = validateProfile(profileFieldsOf(session), form, stepWords(locale).profile);
  if (!result.valid) {
    return new Response(null, {
      status: 303,
      headers: {
        location: PROFILE_PATH,
        "set-cookie": await draftCookie(session, keptDraft(result.values, result.errors), settings),
        "cache-control": "no-store",
      },
    });
  }
  return handOff(profileStep, session, { profile: result.values }, settings, stepWords(locale).handOff.profileSaved, locale);
}

/**
 * The step cookie with the refused answer. Should the typed values still not fit (a long `state` leaves less room),
 * only the messages are kept: the user types again, but stays signed in.
 */
async function draftCookie(session: StepSession, draft: ProfileDraft, settings: ConsentSettings): Promise<string> {
  const cookie = async (kept: ProfileDraft) =>
    stepCookieHeader(sealStepSession({ ...session, data: { ...session.data, draft: JSON.stringify(kept) } }, settings.cookiePassword), {
      path: PROFILE_PATH,
      secure: settings.secureCookies,
    });
  const withValues = await cookie(draft);
  return Buffer.byteLength(withValues) <= MAX_SET_COOKIE_BYTES ? withValues : cookie({ values: {}, errors: draft.errors });
}
