import { totpCode } from "../../auth0-tenant/local/mfa/totp";
import { textById } from "./html-forms";

/** The key the local tenant's enrollment page shows (`#totp-secret`), without the spaces that group it. */
export function enrollmentSecret(html: string): string {
  const shown = textById(html, "totp-secret");
  if (!shown) throw new Error(`no #totp-secret on the page: ${html.slice(0, 300)}`);
  return shown.replace(/\s/g, "");
}

/** A well-formed code that no step near `nowMs` has, so the tenant must refuse it even across a step boundary. */
export function wrongTotpCode(secret: string, nowMs: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map((steps) => totpCode(secret, nowMs + steps * 30_000)));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}
