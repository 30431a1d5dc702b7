import { html, type SafeHtml } from "./html";
import { layout } from "./layout";
import { MESSAGES } from "./messages";
import type { PageLanguage } from "./page-language";

/** Shown by a logout that names no return URL. */
export function loggedOutPage(language: PageLanguage): SafeHtml {
  const t = MESSAGES[language];
  return layout(language, t.loggedOutHeading, html`<p>${t.loggedOutText}</p>`);
}
