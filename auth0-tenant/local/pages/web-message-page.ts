import { html, type SafeHtml } from "./html";
import { layout } from "./layout";

/**
 * `response_mode=web_message`: posts `{ type: "authorization_response", response }` to the window that opened or
 * framed the page, for `targetOrigin` only (the redirect_uri's origin, one of the client's Allowed Web Origins), as
 * Auth0's page does; auth0-spa-js's iframe and popup wait for exactly this message. The values travel in data
 * attributes, escaped as HTML, so nothing from the request is ever script source.
 */
export function webMessagePage(input: { targetOrigin: string; response: Record<string, string>; scriptNonce: string }): SafeHtml {
  // Gone as soon as its script runs: no text worth a language.
  return layout(
    "en",
    "Authorization Response",
    html`<div id="web-message-response" data-target-origin="${input.targetOrigin}" data-response="${JSON.stringify(input.response)}"></div>
<script nonce="${input.scriptNonce}">(function () {
  var data = document.getElementById("web-message-response").dataset;
  var message = { type: "authorization_response", response: JSON.parse(data.response) };
  (window.opener || window.parent).postMessage(message, data.targetOrigin);
})();</script>`,
  );
}
