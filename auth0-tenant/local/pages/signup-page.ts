import { html, type SafeHtml } from "./html";
import { layout, stateForm } from "./layout";
import type { CredentialsPageInput } from "./login-page";

export const MIN_PASSWORD_LENGTH = 8;

/** Sign-up form (fields `email`, `password`, as on Auth0's `/u/signup`). */
export function signupPage(input: CredentialsPageInput): SafeHtml {
  const loginHref = `/u/login?state=${encodeURIComponent(input.transactionId)}`;
  return layout(
    "Sign up",
    html`<p>Create your account for ${input.applicationName}.</p>
${stateForm(
      { path: "/u/signup", state: input.transactionId, csrfToken: input.csrfToken, error: input.error },
      html`<label for="email">Email address</label>
<input type="email" id="email" name="email" value="${input.email ?? ""}" autocomplete="email" required autofocus>
<label for="password">Password (at least ${MIN_PASSWORD_LENGTH} characters)</label>
<input type="password" id="password" name="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>`,
    )}
<p>Already have an account? <a href="${loginHref}">Log in</a></p>`,
  );
}
