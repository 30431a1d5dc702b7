import { escapeHtml, htmlPage } from "../http/html";
import type { ConsentSettings } from "./settings";
import type { StepDefinition } from "./step";
import { readCookie, STEP_COOKIE_NAME, unsealStepSession, type StepSession } from "./step-cookie";

/**
 * `GET <step>`: the step's page for the login in the sealed step cookie. A route handler writes the HTML itself,
 * without React, because every login of every user passes here; opened outside a sign-in, the page says what it is for.
 */
export async function handleStepPage(request: Request, step: StepDefinition, settings: ConsentSettings): Promise<Response> {
  const session = await unsealStepSession(readCookie(request.headers.get("cookie"), STEP_COOKIE_NAME), settings.cookiePassword);
  const body = session?.step === step.name ? step.page.render(session, new URL(request.url).searchParams) : null;
  return htmlPage({
    status: 200,
    title: step.page.title,
    wide: step.page.wide,
    body: body === null || !session ? outsideSignIn(step.page.title, step.page.arrivesWhen) : stepPosition(session) + body,
  });
}

/** "Step 1 of 2", when the Actions said several steps are due in this login (the intake keeps it in the cookie). */
function stepPosition(session: StepSession): string {
  const { stepNumber, stepCount } = session.data;
  if (typeof stepNumber !== "number" || typeof stepCount !== "number") return "";
  return `<p class="step" data-testid="step-position">Step ${stepNumber} of ${stepCount}</p>`;
}

function outsideSignIn(title: string, arrivesWhen: string): string {
  return (
    `<h1>${escapeHtml(title)}</h1><p>This page is part of signing in: you arrive here when ${escapeHtml(arrivesWhen)}.</p>` +
    `<p><a class="button" href="/auth/login">Sign in</a></p>`
  );
}
