import { isProfileFieldName, validateProfile } from "./profile-fields";
import { profilePage } from "./profile-page";
import { profileFieldsOf, type ProfileDraft } from "./profile-session";
import type { ConsentSettings } from "./settings";
import type { StepDefinition } from "./step";
import { handOff, openStepAnswer } from "./step-answer";
import { sealStepSession, stepCookieHeader } from "./step-cookie";
import { handleStepIntake } from "./step-intake";
import { handleStepPage } from "./step-page";

export const PROFILE_PATH = "/profile";

/** The profile step: the Action names the missing fields; the app asks for exactly those it knows. */
export const profileStep: StepDefinition = {
  name: "profile",
  path: PROFILE_PATH,
  intake(payload) {
    const fields = payload.fields;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every((field) => typeof field === "string")) {
      return { refusal: { title: "This sign-in link is not valid", message: 'The session_token has no list of "fields" to ask for.' } };
    }
    const unknown = fields.filter((field) => !isProfileFieldName(field));
    if (unknown.length > 0) {
      return {
        refusal: {
          title: "These profile fields are not available",
          message: `The sign-in asked for ${unknown.join(", ")}, which this app does not know. Deploy the app with those fields.`,
        },
      };
    }
    return { data: { fields: fields.join(",") } };
  },
  page: profilePage,
};

/** `GET /profile`: a field for each missing value, with what was typed and the messages of a refused answer. */
export function handleProfilePage(request: Request, settings: ConsentSettings): Promise<Response> {
  return handleStepPage(request, profileStep, settings);
}

/** `GET /profile/start?session_token=…&state=…`: the profile Action sends the browser here. */
export function handleProfileIntake(request: Request, settings: ConsentSettings): Promise<Response> {
  return handleStepIntake(request, profileStep, settings);
}

/**
 * `POST /profile`: validates every field on the server. Refused: back to the page with the values kept and a
 * message per field (in the sealed cookie, so nothing typed appears in a URL). Valid: the values go to Auth0 signed.
 */
export async function handleProfileAnswer(request: Request, settings: ConsentSettings): Promise<Response> {
  const opened = await openStepAnswer(request, profileStep, settings);
  if (opened instanceof Response) return opened;
  const { session, form } = opened;
  const result = validateProfile(profileFieldsOf(session), form);
  if (!result.valid) {
    const draft: ProfileDraft = { values: result.values, errors: result.errors };
    const sealed = await sealStepSession({ ...session, data: { ...session.data, draft: JSON.stringify(draft) } }, settings.cookiePassword);
    return new Response(null, {
      status: 303,
      headers: {
        location: PROFILE_PATH,
        "set-cookie": stepCookieHeader(sealed, { path: PROFILE_PATH, secure: settings.secureCookies }),
        "cache-control": "no-store",
      },
    });
  }
  return handOff(profileStep, session, { profile: result.values }, settings);
}
