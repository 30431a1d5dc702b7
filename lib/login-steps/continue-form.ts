import { createHash } from "node:crypto";
import { escapeHtml, htmlPage } from "../http/html";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { stepWords, type HandOffWording } from "../i18n/step-words";

const AUTO_SUBMIT = "document.forms[0].submit()";
const AUTO_SUBMIT_HASH = createHash("sha256").update(AUTO_SUBMIT).digest("base64");

/**
 * Hands the browser back to Auth0 by POST, so the answer never sits in a URL, a log or the history.
 * The form submits itself; without JavaScript, the user presses the button. Only that one script may run.
 */
export function continueForm(options: {
  continueUrl: string;
  state: string;
  sessionToken: string;
  wording: HandOffWording;
  headers?: Record<string, string>;
  locale?: Locale;
}): Response {
  const { wording } = options;
  const locale = options.locale ?? DEFAULT_LOCALE;
  return htmlPage({
    status: 200,
    lang: locale,
    title: wording.title,
    headers: {
      // No form-action: the browser applies it to every redirect after /continue, back to this app and beyond.
      "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'; script-src 'sha256-${AUTO_SUBMIT_HASH}'`,
      ...options.headers,
    },
    // Each reader sees only its own words: without script, nothing moves on by itself and the button is shown.
    head: `<style>.without-script{display:none}</style><noscript><style>.with-script{display:none}.without-script{display:block}</style></noscript>`,
    body:
      `<h1>${escapeHtml(wording.title)}</h1>` +
      `<form method="post" action="${escapeHtml(options.continueUrl)}">` +
      `<input type="hidden" name="state" value="${escapeHtml(options.state)}">` +
      `<input type="hidden" name="session_token" value="${escapeHtml(options.sessionToken)}">` +
      `<p class="with-script" role="status">${escapeHtml(wording.withScript)}</p>` +
      `<p class="without-script">${escapeHtml(wording.withoutScript)}</p>` +
      `<noscript><div class="actions"><button type="submit">${escapeHtml(stepWords(locale).handOff.continue)}</button></div></noscript></form>` +
      `<script>${AUTO_SUBMIT}</script>`,
  });
}
