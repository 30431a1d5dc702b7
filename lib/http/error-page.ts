import { randomBytes } from "node:crypto";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { stepWords, type ErrorText } from "../i18n/step-words";
import { escapeHtml, htmlPage } from "./html";

const REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A short reference the user can quote and support can find in the log: 8 characters, no look-alikes (0/O, 1/I). */
export function newReference(): string {
  const bytes = randomBytes(8);
  const characters = Array.from(bytes, (byte) => REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]);
  return `${characters.slice(0, 4).join("")}-${characters.slice(4).join("")}`;
}

/**
 * A 4xx page in the user's words, with a reference; the technical `reason` goes to the log under that reference and
 * never to the page (it may name tokens, claims or deployment steps, which mean nothing to the user).
 */
export function errorPage(
  status: number,
  text: ErrorText,
  options: { reason?: string; headers?: Record<string, string>; lang?: Locale } = {},
): Response {
  const lang = options.lang ?? DEFAULT_LOCALE;
  const words = stepWords(lang).errorPage;
  const reference = newReference();
  console.warn(`[sign-in] ${status} reference ${reference}: ${text.title}${options.reason ? `: ${options.reason}` : ""}`);
  return htmlPage({
    status,
    title: text.title,
    headers: options.headers,
    lang,
    body:
      `<h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.message)}</p>` +
      `<div class="actions"><a class="button" href="/auth/login">${escapeHtml(words.signInAgain)}</a> <a href="/">${escapeHtml(words.goToProduct)}</a></div>` +
      `<p class="note">${words.quoteReference(`<span class="reference" data-testid="error-reference">${reference}</span>`)}</p>`,
  });
}
