import { errorPage, escapeHtml, htmlPage } from "../../http/html";
import { clientAddress } from "../../ledger/client-address";
import { hasCode } from "../../errors/has-code";
import type { DatabaseUnavailableError } from "../../database/errors";
import type { DecisionConflictError, LedgerRateLimitedError } from "../../ledger/errors";
import { MAX_USER_AGENT_LENGTH, type ConsentDecision } from "../../ledger/records";
import { isLocale } from "../../i18n/locales";
import { stepLocale } from "../../i18n/step-language";
import { editionOf, termsDocuments } from "../../terms/documents";
import type { ConsentSettings } from "../settings";
import { handOff, openStepAnswer } from "../step-answer";
import { clearStepCookieHeader, type StepSession } from "../step-cookie";
import { TERMS_PATH, termsStep } from "./terms-step";
import { AGREEMENT_REQUIRED, SHOWN_LANGUAGE_FIELD } from "./terms-page";

export type TermsDecision = ConsentDecision;

/** Seconds a browser is asked to wait before retrying when the ledger is unavailable. */
export const LEDGER_RETRY_AFTER_SECONDS = 5;

/**
 * `POST /terms/accept` and `POST /terms/decline`: checks the request came from our own page, the sealed step
 * cookie, and (to accept) the checkbox, on the server. Then records the answer in the consent ledger and, only once
 * the record is committed, signs the answer and hands the browser to `/continue`.
 *
 * The same login's answer sent again (a retry after a lost response) finds its record and is signed again; another
 * answer for a login already recorded is refused (409). When the ledger cannot be reached in time, nothing is
 * signed: a 503 page offers to send the same answer again, and the step cookie is kept for it.
 *
 * @example
 * export const POST = (request: Request) => handleTermsAnswer(request, "accepted", consentSettings());
 */
export async function handleTermsAnswer(
  request: Request,
  decision: TermsDecision,
  settings: ConsentSettings,
): Promise<Response> {
  const opened = await openStepAnswer(request, termsStep, settings);
  if (opened instanceof Response) return opened;
  const { session, form } = opened;
  if (decision === "accepted" && form.get("agree") !== "yes") {
    return new Response(null, {
      status: 303,
      headers: { location: `${TERMS_PATH}?error=${AGREEMENT_REQUIRED}`, "cache-control": "no-store" },
    });
  }
  const termsVersion = Number(session.data.termsVersion);
  const document = termsDocuments().get(termsVersion);
  if (!document) {
    return errorPage(400, "These terms are not available", `Terms version ${termsVersion} is no longer published by this app. Sign in again.`);
  }
  // The language of the text the page showed (its form says), else the one the page would choose now.
  const shown = form.get(SHOWN_LANGUAGE_FIELD);
  const locale = isLocale(shown) ? shown : stepLocale(session.data, request);
  const edition = editionOf(document, locale);
  try {
    await settings.ledger.record({
      userId: session.sub,
      termsVersion,
      termsSha256: edition.sha256,
      termsLanguage: edition.language,
      decision,
      state: session.state,
      loginId: session.loginId,
      clientId: clientIdOf(session),
      ipAddress: clientAddress(request.headers, settings.trustedProxyHops),
      userAgent: request.headers.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) || null,
    });
  } catch (error) {
    if (hasCode<DecisionConflictError>(error, "decision_conflict")) {
      return alreadyAnsweredPage(error, { "set-cookie": clearStepCookieHeader({ path: TERMS_PATH, secure: settings.secureCookies }) });
    }
    if (hasCode<LedgerRateLimitedError>(error, "rate_limited")) return rateLimitedPage(decision, error.retryAfterSeconds);
    if (hasCode<DatabaseUnavailableError>(error, "ledger_unavailable")) {
      console.error(`[ledger] ${error.code}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}`);
      return retryPage(decision);
    }
    throw error;
  }
  return handOff(termsStep, session, { decision, terms_version: termsVersion }, settings, locale);
}

/** The Auth0 application the intake kept in the step cookie (`data.clientId`), from the Action's token. */
function clientIdOf(session: StepSession): string | null {
  const clientId = session.data.clientId;
  return typeof clientId === "string" && clientId !== "" ? clientId : null;
}

/** 429: nothing recorded, nothing signed; the step cookie is kept, so the same answer can be sent once it is time. */
function rateLimitedPage(decision: TermsDecision, retryAfterSeconds: number): Response {
  const action = `${TERMS_PATH}/${decision === "accepted" ? "accept" : "decline"}`;
  return htmlPage({
    status: 429,
    title: "Too many answers — try again later",
    headers: { "retry-after": String(retryAfterSeconds) },
    body:
      `<h1>Too many answers — try again later</h1>` +
      `<p>This account has answered our terms many times in a short while, so we are not recording more answers ` +
      `for it just now. Nothing was recorded or sent to the sign-in. You can send your answer again in ` +
      `${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? "s" : ""}.</p>` +
      `<form method="post" action="${escapeHtml(action)}">` +
      (decision === "accepted" ? `<input type="hidden" name="agree" value="yes">` : "") +
      `<button type="submit">Send my answer again</button></form>`,
  });
}

/** 503 with a form that sends the same answer again; the step cookie is left in place for it. */
function retryPage(decision: TermsDecision): Response {
  const what = decision === "accepted" ? "acceptance" : "answer";
  const action = `${TERMS_PATH}/${decision === "accepted" ? "accept" : "decline"}`;
  return htmlPage({
    status: 503,
    title: `We could not record your ${what} — try again`,
    headers: {
      "retry-after": String(LEDGER_RETRY_AFTER_SECONDS),
    },
    body:
      `<h1>We could not record your ${what} — try again</h1>` +
      `<p>We keep a record of every answer to our terms before you continue, and our records are not reachable right ` +
      `now. Nothing was sent to the sign-in yet. Please try again in a few seconds.</p>` +
      `<form method="post" action="${escapeHtml(action)}">` +
      (decision === "accepted" ? `<input type="hidden" name="agree" value="yes">` : "") +
      `<button type="submit">Try again</button></form>`,
  });
}

function alreadyAnsweredPage(error: DecisionConflictError, headers: Record<string, string>): Response {
  const { decision, termsVersion } = error.recorded;
  return errorPage(
    409,
    "This sign-in was already answered",
    `For this sign-in, your answer is already recorded: you ${decision} the terms of use (version ${termsVersion}). ` +
      "A recorded answer cannot be changed. Sign in again to give a new answer.",
    headers,
  );
}
