import { html, SafeHtml } from "./html";

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f4f4f6; color: #1e1e24; margin: 0; }
  main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input[type=email], input[type=password], input[type=text] { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; }
  button { margin-top: 1.5rem; width: 100%; padding: .7rem; font-size: 1rem; background: #635dff; color: #fff;
           border: 0; border-radius: 4px; cursor: pointer; }
  .error { background: #fde8e8; color: #8a1c1c; padding: .75rem; border-radius: 4px; }
  .reason { font-family: ui-monospace, monospace; font-size: .9rem; }
  .note { color: #666; font-size: .85rem; }
  .secret { font-family: ui-monospace, monospace; font-size: 1.1rem; word-break: break-word; }
`;
const TRUSTED_STYLE = new SafeHtml(STYLE);

/** The frame of every tenant page; `heading` is also the document title. */
export function layout(heading: string, content: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · Local Auth0 tenant</title>
<style>${TRUSTED_STYLE}</style>
</head>
<body>
<main>
<h1>${heading}</h1>
${content}
<p class="note">Local Auth0 tenant (offline emulator)</p>
</main>
</body>
</html>
`;
}

/**
 * A login page's form: the error of the last post, if any, then `fields`, posted back to `path` with the page's
 * `state` (as on Auth0's `/u/*?state=…`) and its CSRF token.
 */
export function stateForm(input: { path: string; state: string; csrfToken: string; error?: string }, fields: SafeHtml): SafeHtml {
  return html`${input.error ? html`<p class="error" role="alert" id="error-message">${input.error}</p>` : ""}
<form method="post" action="${input.path}?state=${encodeURIComponent(input.state)}">
<input type="hidden" name="state" value="${input.state}">
<input type="hidden" name="_csrf" value="${input.csrfToken}">
${fields}
<button type="submit" name="action" value="default">Continue</button>
</form>`;
}
