import { MFA_OTP_PATH } from "../login/mfa-challenge";
import { html, type SafeHtml } from "./html";
import { layout, stateForm } from "./layout";

export interface MfaOtpPageInput {
  challengeId: string;
  csrfToken: string;
  applicationName: string;
  /** The account, as authenticator apps label it. */
  email: string;
  /** Present while the user enrolls: the new key, the only place it is ever shown. */
  enrollmentSecret?: string;
  error?: string;
}

/** The one-time code step: enrollment (the key as text, no QR code) or the code of the enrolled app. */
export function mfaOtpPage(input: MfaOtpPageInput): SafeHtml {
  const intro = input.enrollmentSecret
    ? html`<p>${input.applicationName} asks for a second factor. Add ${input.email} to an authenticator app with this
key (time-based, 6 digits, 30 seconds):</p>
<p><code class="secret" id="totp-secret">${groupsOfFour(input.enrollmentSecret)}</code></p>
<p class="note">The key is shown until you confirm it with a code, never after.</p>`
    : html`<p>${input.applicationName} asks for a second factor. Enter the code your authenticator app shows for
${input.email}.</p>`;
  return layout(
    input.enrollmentSecret ? "Set up two-step verification" : "Verify your identity",
    html`${intro}
${stateForm(
      { path: MFA_OTP_PATH, state: input.challengeId, csrfToken: input.csrfToken, error: input.error },
      html`<label for="code">Verification code</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus>`,
    )}
<p class="note">Local tenant: the current code is also written to the tenant's log.</p>`,
  );
}

/** `ABCD EFGH …`: easier to copy by hand; apps ignore the spaces. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
