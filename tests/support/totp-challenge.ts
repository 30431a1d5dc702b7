import { expect } from "vitest";
import { totpCode } from "../../auth0-tenant/local/mfa/totp";
import { textById } from "./html-forms";
import type { HttpClient, HttpResponse } from "./http-client";
import { expectPage, land, startAuthorization, submitPassword, type AuthorizationRequest, type Landing, type OidcClient } from "./oidc-login";

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

/** Logs in with the password up to the tenant's one-time code page (to enroll or to answer the challenge). */
export async function loginUntilCodePage(
  http: HttpClient,
  app: OidcClient,
  credentials: { email: string; password: string },
  scope?: string,
): Promise<{ request: AuthorizationRequest; page: HttpResponse }> {
  const started = await startAuthorization(http, app, scope ? { scope } : {});
  const page = expectPage(await submitPassword(http, app, expectPage(started.landing), credentials));
  expect(page.url.pathname).toBe("/u/mfa-otp");
  return { request: started.request, page };
}

/** Sends `code` (and any other `values`) on the one-time code page; returns where the login lands. */
export async function submitCode(http: HttpClient, app: OidcClient, page: HttpResponse, code: string, values: Record<string, string> = {}): Promise<Landing> {
  return land(http, app, await http.submitForm(page, { code, ...values }));
}
