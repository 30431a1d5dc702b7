import { html, type SafeHtml } from "./html";
import { layout } from "./layout";
import { en } from "./messages-en";

/**
 * Auth0's hosted error page, plus the precise reason the local tenant knows (Auth0 shows only the generic text).
 * English: it is drawn for any failed request, before (or without) a login transaction and its ui_locales.
 */
export function errorPage(input: { code: string; message: string; reason?: string }): SafeHtml {
  return layout(
    "en",
    en.errorHeading,
    html`<p class="error" role="alert" id="error-message">${input.code}: ${input.message}</p>
${input.reason ? html`<p>${en.errorReason} <span class="reason" id="error-reason">${input.reason}</span></p>` : ""}`,
  );
}
