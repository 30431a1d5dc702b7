import { html, type SafeHtml } from "./html";
import { layout, stateForm } from "./layout";

export interface CredentialsPageInput {
  /** The pending login transaction (hidden field `state`, as on Auth0's `/u/login?state=…`). */
  transactionId: string;
  csrfToken: string;
  applicationName: string;
  email?: string;
  error?: string;
}

/** Email and password, as Auth0's Universal Login names the fields (`username`, `password`). */
export function loginPage(input: CredentialsPageInput): SafeHtml {
  const signupHref = `/u/signup?state=${encodeURIComponent(input.transactionId)}`;
  return layout(
    "Log in",
    html`<p>Log in to continue to ${input.applicationName}.</p>
${stateForm(
      { path: "/u/login", state: input.transactionId, csrfToken: input.csrfToken, error: input.error },
      html`<label for="username">Email address</label>
<input type="email" id="username" name="username" value="${input.email ?? ""}" autocomplete="username" required autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>`,
    )}
<p>Don't have an account? <a href="${signupHref}">Sign up</a></p>`,
  );
}
