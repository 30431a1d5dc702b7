import { escapeHtml, htmlPage } from "../http/html";
import { stepLocale } from "../i18n/step-language";
import { stepWords, type StepWords } from "../i18n/step-words";
import type { ConsentSettings } from "./settings";
import type { StepDefinition } from "./step";
import { readCookie, STEP_COOKIE_NAME, unsealStepSession, type StepSession } from "./step-cookie";

/**
 * `GET <step>`: the step's page for the login in the sealed step cookie, in the user's language. A route handler
 * writes the HTML itself, without React, because every login of every user passes here; opened outside a sign-in,
 * the page says what it is for.
 */
export async function handleStepPage(request: Request, step: StepDefinition, settings: ConsentSettings): Promise<Response> {
  const session = unsealStepSession(readCookie(request.headers.get("cookie"), STEP_COOKIE_NAME), settings.cookiePassword);
  const locale = stepLocale(session?.data ?? {}, request);
  const words = stepWords(locale);
  const body = session?.step === step.name ? await step.page.render(session, new URL(request.url).searchParams, locale) : null;
  const { title, arrivesWhen } = step.page.words(words);
  return htmlPage({
    status: 200,
    lang: locale,
    title,
    wide: step.page.wide,
    body: body === null || !session ? outsideSignIn(words, title, arrivesWhen) : stepPosition(session, words) + body,
  });
}

/** "Step 1 of 2", when the Actions said several steps are due in this login (the intake keeps it in the cookie). */
function stepPosition(session: StepSession, words: StepWords): string {
  const { stepNumber, stepCount } = session.data;
  if (typeof stepNumber !== "number" || typeof stepCount !== "number") return "";
  return `<p class="step" data-testid="step-position">${escapeHtml(words.stepPosition(stepNumber, stepCount))}</p>`;
}

function outsideSignIn(words: StepWords, title: string, arrivesWhen: string): string {
  return (
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(words.outsideSignIn(arrivesWhen))}</p>` +
    `<p><a class="button" href="/auth/login">${escapeHtml(words.signIn)}</a></p>`
  );
}
