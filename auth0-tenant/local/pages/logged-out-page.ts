import { html, type SafeHtml } from "./html";
import { layout } from "./layout";

/** Shown by a logout that names no return URL. */
export function loggedOutPage(): SafeHtml {
  return layout("Logged out", html`<p>You have been logged out of the local tenant.</p>`);
}
