import { html, type SafeHtml } from "./html";
import { layout } from "./layout";

/** `response_mode=form_post`: posts the answer to the app; the button covers browsers without JavaScript. */
export function formPostPage(input: { action: string; fields: Record<string, string>; scriptNonce: string }): SafeHtml {
  // Gone as soon as its script runs: no text worth a language.
  return layout(
    "en",
    "Continuing…",
    html`<form method="post" action="${input.action}" id="form-post-response">
${Object.entries(input.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script nonce="${input.scriptNonce}">document.getElementById("form-post-response").submit();</script>`,
  );
}
