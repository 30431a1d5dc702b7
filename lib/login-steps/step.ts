import type { StepName, StepSessionPayloads } from "../../contract/login-steps";
import type { Locale } from "../i18n/locales";
import type { StepWords } from "../i18n/step-words";
import type { StepError } from "./step-errors";
import type { StepSession } from "./step-cookie";

/** The Action's payload for a step before the step has checked it: the contract's names, values of any type. */
export type UncheckedPayload<S extends StepName> = { [K in keyof StepSessionPayloads[S]]?: unknown };

/** What a step keeps from the Action's token, or why it refuses the token: the user's words, and the log's. */
export type StepIntake = { data: Record<string, string | number> } | { refusal: { error: StepError; reason: string } };

/** A step's page at its `path`, built as plain HTML: it works with JavaScript off and ships no script. */
export interface StepPage {
  /** A card wide enough for a document. */
  wide?: boolean;
  /** The step's words in the page's language (`lib/i18n/step-words.ts`). */
  words(words: StepWords): {
    title: string;
    /** Ends "you arrive here when …", on the page shown to someone who opens it outside a sign-in. */
    arrivesWhen: string;
  };
  /**
   * The page's HTML body for the login in the cookie, in `locale` (escape what is not ours), or `null` when it cannot
   * be shown.
   */
  render(session: StepSession, query: URLSearchParams, locale: Locale): Promise<string | null>;
}

/**
 * A step of the login that needs the user: the Action sends the browser to `${path}/start` with a token whose `step`
 * claim is `name`; the app keeps what `intake` returns in the sealed step cookie (scoped to `path`), shows `page` at
 * `path`, and sends the answer back to Auth0's `/continue`.
 *
 * @example
 * // With "colour" added to the contract's STEPS and StepSessionPayloads (`contract/login-steps.ts`):
 * const colourStep: StepDefinition<"colour"> = {
 *   ...STEPS.colour,
 *   intake: (payload) => (typeof payload.palette === "string" ? { data: { palette: payload.palette } } : { refusal: { error: "linkNotValid", reason: "…" } }),
 *   page: { words: (words) => words.colour, render: (session) => colourForm(session.data.palette) },
 * };
 */
export interface StepDefinition<S extends StepName = StepName> {
  name: S;
  path: string;
  intake(payload: UncheckedPayload<S>): StepIntake;
  page: StepPage;
}
