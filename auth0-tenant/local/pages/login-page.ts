import { html, type SafeHtml } from "./html";
import { layout, stateForm } from "./layout";
import { MESSAGES } from "./messages";
import type { PageLanguage } from "./page-language";

export interface CredentialsPageInput {
  /** The pending login transaction (hidden field `state`, as on Auth0's `/u/login?state=…`). */
  transactionId: string;
  csrfToken: string;
  applicationName: string;
  language: PageLanguage;
  email?: string;
  error?: string;
}

/** Email and password, as Auth0's Universal Login names the fields (`username`, `password`). */
export function loginPage(input: CredentialsPageInput): SafeHtml {
  const t = MESSAGES[input.language];
  const signupHref = `/u/signup?state=${encodeURIComponent(input.transactionId)}`;
  return layout(
    input.language,
    t.logInHeading,
    html`<p>${t.logInIntro(input.applicationName)}</p>
${stateForm(
      { language: input.language, path: "/u/login", state: input.transactionId, csrfToken: input.csrfToken, error: input.error },
      html`<label for="username">${t.emailLabel}</label>
<input type="email" id="username" name="username" value="${input.email ?? ""}" autocomplete="username" required autofocus>
<label for="password">${t.passwordLabel}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>`,
    )}
<p>${t.noAccount} <a href="${signupHref}">${t.signUpLink}</a></p>`,
  );
}
