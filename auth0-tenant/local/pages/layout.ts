import { BRAND_HTML, FAVICON_HREF, LOOK_CSS, pageTitle } from "../../../contract/look";
import { html, SafeHtml } from "./html";
import { MESSAGES } from "./messages";
import type { PageLanguage } from "./page-language";

/**
 * The product's look (`contract/look.ts`), as a real tenant's Universal Login branding would be set to it, plus
 * the layout of Universal Login's forms: labels above their inputs, one full-width button.
 */
const STYLE =
  LOOK_CSS +
  `main form label{display:block;margin:1rem 0 .25rem}` +
  `main form button{width:100%;margin-top:1.5rem}` +
  `.reason{font-family:ui-monospace,monospace;font-size:.9rem}` +
  `.secret{font-family:ui-monospace,monospace;font-size:1.1rem;word-break:break-word}`;
const TRUSTED_STYLE = new SafeHtml(STYLE);
const TRUSTED_BRAND = new SafeHtml(BRAND_HTML);

/** The frame of every tenant page, in `language`; `heading` is also the document title. */
export function layout(language: PageLanguage, heading: string, content: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${pageTitle(heading)}</title>
<link rel="icon" href="${FAVICON_HREF}">
<style>${TRUSTED_STYLE}</style>
</head>
<body>
<main>
${TRUSTED_BRAND}
<h1>${heading}</h1>
${content}
<p class="note">${MESSAGES[language].localTenantNote}</p>
</main>
</body>
</html>
`;
}

/**
 * A login page's form: the error of the last post, if any, then `fields`, posted back to `path` with the page's
 * `state` (as on Auth0's `/u/*?state=…`) and its CSRF token.
 */
export function stateForm(
  input: { language: PageLanguage; path: string; state: string; csrfToken: string; error?: string },
  fields: SafeHtml,
): SafeHtml {
  return html`${input.error ? html`<p class="error" role="alert" id="error-message">${input.error}</p>` : ""}
<form method="post" action="${input.path}?state=${encodeURIComponent(input.state)}">
<input type="hidden" name="state" value="${input.state}">
<input type="hidden" name="_csrf" value="${input.csrfToken}">
${fields}
<button type="submit" name="action" value="default">${MESSAGES[input.language].continue}</button>
</form>`;
}
