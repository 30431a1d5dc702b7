import { errorPage } from "../../http/error-page";
import { escapeHtml, htmlPage } from "../../http/html";
import { clientAddress } from "../../ledger/client-address";
import { hasCode } from "../../errors/has-code";
import type { DatabaseUnavailableError } from "../../database/errors";
import type { DecisionConflictError, LedgerRateLimitedError } from "../../ledger/errors";
import { MAX_USER_AGENT_LENGTH, type ConsentDecision } from "../../ledger/records";
import { isLocale, type Locale } from "../../i18n/locales";
import { stepLocale } from "../../i18n/step-language";
import { stepWords } from "../../i18n/step-words";
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
  // The language of the text the page showed (its form says), else the one the page would choose now.
  const shown = form.get(SHOWN_LANGUAGE_FIELD);
  const locale = isLocale(shown) ? shown : stepLocale(session.data, request);
  const termsVersion = Number(session.data.termsVersion);
  const document = termsDocuments().get(termsVersion);
  if (!document) {
    const reason = `Terms version ${termsVersion} is no longer published by this app.`;
    return errorPage(400, stepWords(locale).errors.cannotContinue, { reason, lang: locale });
  }
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
    if (hasCode<DecisionConflictError>(error, "ERR_LEDGER_DECISION_CONFLICT")) {
      return alreadyAnsweredPage(error, locale, { "set-cookie": clearStepCookieHeader({ path: TERMS_PATH, secure: settings.secureCookies }) });
    }
    if (hasCode<LedgerRateLimitedError>(error, "ERR_LEDGER_RATE_LIMITED")) return rateLimitedPage(decision, error.retryAfterSeconds, locale);
    if (hasCode<DatabaseUnavailableError>(error, "ERR_DATABASE_UNAVAILABLE")) {
      console.error(`[ledger] ${error.code}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}`);
      return retryPage(decision, locale);
    }
    throw error;
  }
  return handOff(termsStep, session, { decision, terms_version: termsVersion }, settings, stepWords(locale).handOff[decision], locale);
}

/** The Auth0 application the intake kept in the step cookie (`data.clientId`), from the Action's token. */
function clientIdOf(session: StepSession): string | null {
  const clientId = session.data.clientId;
  return typeof clientId === "string" && clientId !== "" ? clientId : null;
}

/** The hidden fields that send the same answer again, in the language of the text it answers. */
function sameAnswerFields(decision: TermsDecision, locale: Locale): string {
  return (
    `<input type="hidden" name="${SHOWN_LANGUAGE_FIELD}" value="${locale}">` +
    (decision === "accepted" ? `<input type="hidden" name="agree" value="yes">` : "")
  );
}

/** 429: nothing recorded, nothing signed; the step cookie is kept, so the same answer can be sent once it is time. */
function rateLimitedPage(decision: TermsDecision, retryAfterSeconds: number, locale: Locale): Response {
  const words = stepWords(locale).terms.rateLimited;
  const action = `${TERMS_PATH}/${decision === "accepted" ? "accept" : "decline"}`;
  return htmlPage({
    status: 429,
    lang: locale,
    title: words.title,
    headers: { "retry-after": String(retryAfterSeconds) },
    body:
      `<h1>${escapeHtml(words.title)}</h1><p>${escapeHtml(words.message(Math.ceil(retryAfterSeconds / 60)))}</p>` +
      `<form method="post" action="${escapeHtml(action)}">${sameAnswerFields(decision, locale)}` +
      `<button type="submit">${escapeHtml(words.again)}</button></form>`,
  });
}

/** 503 with a form that sends the same answer again; the step cookie is left in place for it. */
function retryPage(decision: TermsDecision, locale: Locale): Response {
  const words = stepWords(locale).terms.notRecorded;
  const action = `${TERMS_PATH}/${decision === "accepted" ? "accept" : "decline"}`;
  return htmlPage({
    status: 503,
    lang: locale,
    title: words.title(decision),
    headers: {
      "retry-after": String(LEDGER_RETRY_AFTER_SECONDS),
    },
    body:
      `<h1>${escapeHtml(words.title(decision))}</h1><p>${escapeHtml(words.message)}</p>` +
      `<form method="post" action="${escapeHtml(action)}">${sameAnswerFields(decision, locale)}` +
      `<button type="submit">${escapeHtml(words.again)}</button></form>`,
  });
}

function alreadyAnsweredPage(error: DecisionConflictError, locale: Locale, headers: Record<string, string>): Response {
  const { decision, termsVersion } = error.recorded;
  return errorPage(409, stepWords(locale).terms.alreadyAnswered(decision, termsVersion), { reason: error.message, headers, lang: locale });
}
