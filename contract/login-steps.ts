/**
 * The login steps as the Actions and the app both see them: each step's name and path, what the Action's
 * `session_token` carries to the app, and what the app's answer carries back to `/continue`. Both sides type their
 * tokens with these, so a claim renamed on one side only fails `npm run typecheck`.
 *
 * Plain TypeScript, no Node or Next import: the Actions are bundled from it for Auth0's runtime.
 */
import type { ProfileFieldName } from "./profile-fields";

/** Each step's name (the `step` claim of both tokens) and the app's path for it (`<path>/start` is the intake). */
export const STEPS = {
  terms: { name: "terms", path: "/terms" },
  profile: { name: "profile", path: "/profile" },
} as const;

export type StepName = keyof typeof STEPS;

/** The app's intake URL of a step, under the app's origin. */
export function stepStartPath(step: StepName): string {
  return `${STEPS[step].path}/start`;
}

/** What each step's `session_token` carries beyond the claims every step shares (`SessionTokenClaims`). */
export interface StepSessionPayloads {
  terms: {
    /** The terms version the user must accept (the Action's `TERMS_VERSION`). */
    terms_version: number;
    /** The latest earlier version the user accepted, and when (ISO 8601): absent on a first sign-in. */
    accepted_version?: number;
    accepted_at?: string;
  };
  /** The required profile fields the user has not filled yet. */
  profile: { fields: ProfileFieldName[] };
}

/** What each step's answer carries beyond the claims every answer shares (`AnswerTokenClaims`). */
export interface StepAnswers {
  terms: { decision: TermsDecision; terms_version: number };
  /** The validated values, by field name. */
  profile: { profile: Partial<Record<ProfileFieldName, string>> };
}

export type TermsDecision = "accepted" | "declined";

/**
 * The claim, and the transaction metadata key, of this login's id: a random value the first step Action of a login
 * draws, sends in its token and expects back in every answer. Auth0's own `state` is unknown to an Action before it
 * redirects, so this is what ties the app's record of an answer (user, login) to the login it answers.
 */
export const LOGIN_ID_CLAIM = "login_id";

/**
 * Where a step stands among the steps due in one login ("Step 1 of 2"), sent only when there are several: the
 * Actions know their order (`auth0-tenant/tenant/login-steps.ts`) and which of them are due.
 */
export interface StepPosition {
  number: number;
  of: number;
}

/** No login has more steps than this; a larger position is not from our Actions. */
export const MAX_STEPS_PER_LOGIN = 10;

/** The `session_token` of step `S`, as the Action encodes it (`encodeToken` adds `iss`, `sub`, `iat`, `exp`, `ip`). */
export type SessionTokenPayload<S extends StepName> = StepSessionPayloads[S] &
  UserLanguageClaims & {
    step: S;
    position?: StepPosition;
    /** The application the user signs in to, kept with the record. */
    client_id: string;
    [LOGIN_ID_CLAIM]: string;
  };

/**
 * What the login knows of the user's language, for the app to show its pages and the terms in it: the application's
 * `ui_locales` (`event.transaction.ui_locales`, else `event.request.query.ui_locales`), most wanted first, and the
 * browser's language (`event.request.language`). The app tries them in that order, the browser's `Accept-Language`
 * between the two, then its default.
 */
export interface UserLanguageClaims {
  ui_locales?: string[];
  language?: string;
}

/** At most this many `ui_locales` are passed on, each at most `MAX_LANGUAGE_TAG_LENGTH` characters (BCP 47 tags are short). */
export const MAX_UI_LOCALES = 10;
export const MAX_LANGUAGE_TAG_LENGTH = 35;

/** The answer of step `S`, as the app signs it; `validateToken` checks `sub`, `state`, `iat`, `exp`. */
export type AnswerTokenClaims<S extends StepName> = StepAnswers[S] & {
  step: S;
  [LOGIN_ID_CLAIM]: string;
  sub: string;
  state: string;
  iat: number;
  exp: number;
};

/** Long enough for a slow network; the app turns the `session_token` into a sealed cookie at once. */
export const SESSION_TOKEN_TTL_SECONDS = 300;
/** Short on purpose: the browser posts the answer to `/continue` at once, and a leaked answer dies quickly. */
export const ANSWER_TOKEN_TTL_SECONDS = 60;
