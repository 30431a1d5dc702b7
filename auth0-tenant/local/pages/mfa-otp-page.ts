import { MFA_OTP_PATH } from "../login/mfa-challenge";
import { html, type SafeHtml } from "./html";
import { layout, stateForm } from "./layout";
import { MESSAGES } from "./messages";
import type { PageLanguage } from "./page-language";

export interface MfaOtpPageInput {
  challengeId: string;
  csrfToken: string;
  applicationName: string;
  language: PageLanguage;
  /** The account, as authenticator apps label it. */
  email: string;
  /** Present while the user enrolls: the new key, the only place it is ever shown. */
  enrollmentSecret?: string;
  error?: string;
}

/** The one-time code step: enrollment (the key as text, no QR code) or the code of the enrolled app. */
export function mfaOtpPage(input: MfaOtpPageInput): SafeHtml {
  const t = MESSAGES[input.language];
  const intro = input.enrollmentSecret
    ? html`<p>${t.mfaEnrollIntro(input.applicationName, input.email)}</p>
<p><code class="secret" id="totp-secret">${groupsOfFour(input.enrollmentSecret)}</code></p>
<p class="note">${t.mfaEnrollKeyNote}</p>`
    : html`<p>${t.mfaVerifyIntro(input.applicationName, input.email)}</p>`;
  return layout(
    input.language,
    input.enrollmentSecret ? t.mfaEnrollHeading : t.mfaVerifyHeading,
    html`${intro}
${stateForm(
      { language: input.language, path: MFA_OTP_PATH, state: input.challengeId, csrfToken: input.csrfToken, error: input.error },
      html`<label for="code">${t.codeLabel}</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus>`,
    )}
<p class="note">${t.codeInLogNote}</p>`,
  );
}

/** `ABCD EFGH …`: easier to copy by hand; apps ignore the spaces. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
