import { html, type SafeHtml } from "./html";
import { layout, stateForm } from "./layout";
import type { CredentialsPageInput } from "./login-page";
import { MESSAGES } from "./messages";

export const MIN_PASSWORD_LENGTH = 8;

/** Sign-up form (fields `email`, `password`, as on Auth0's `/u/signup`). */
export function signupPage(input: CredentialsPageInput): SafeHtml {
  const t = MESSAGES[input.language];
  const loginHref = `/u/login?state=${encodeURIComponent(input.transactionId)}`;
  return layout(
    input.language,
    t.signUpHeading,
    html`<p>${t.signUpIntro(input.applicationName)}</p>
${stateForm(
      { language: input.language, path: "/u/signup", state: input.transactionId, csrfToken: input.csrfToken, error: input.error },
      html`<label for="email">${t.emailLabel}</label>
<input type="email" id="email" name="email" value="${input.email ?? ""}" autocomplete="email" required autofocus>
<label for="password">${t.newPasswordLabel(MIN_PASSWORD_LENGTH)}</label>
<input type="password" id="password" name="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>`,
    )}
<p>${t.haveAccount} <a href="${loginHref}">${t.logInLink}</a></p>`,
  );
}
