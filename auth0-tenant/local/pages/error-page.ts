import { html, type SafeHtml } from "./html";
import { layout } from "./layout";

/** Auth0's hosted error page, plus the precise reason the local tenant knows (Auth0 shows only the generic text). */
export function errorPage(input: { code: string; message: string; reason?: string }): SafeHtml {
  return layout(
    "Something went wrong",
    html`<p class="error" role="alert" id="error-message">${input.code}: ${input.message}</p>
${input.reason ? html`<p>Reason: <span class="reason" id="error-reason">${input.reason}</span></p>` : ""}`,
  );
}
