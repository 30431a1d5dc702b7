import { errorPage } from "../http/html";
import { RedirectTokenError } from "../redirect-token/errors";
import { verifySessionToken } from "../redirect-token/verify-session-token";
import { termsDocuments } from "../terms/documents";
import type { ConsentSettings } from "./settings";
import { sealStepSession, stepCookieHeader } from "./step-cookie";

/** Auth0's `state` is about 200 characters; anything near this is not from Auth0. */
export const MAX_STATE_LENGTH = 1024;
export const MAX_QUERY_LENGTH = 8 * 1024;
export const TERMS_PATH = "/terms";

/**
 * `GET /terms/start?session_token=…&state=…`: the terms Action sends the browser here. Verifies the token, keeps
 * what the answer needs in a sealed cookie, and answers 303 to `/terms` so the token leaves the address bar.
 */
export async function handleTermsIntake(request: Request, settings: ConsentSettings): Promise<Response> {
  const url = new URL(request.url);
  if (url.search.length > MAX_QUERY_LENGTH) {
    return errorPage(414, "This sign-in link is not valid", "The link is too long to come from Auth0.");
  }
  const state = url.searchParams.get("state");
  if (!state) {
    return errorPage(400, "This sign-in link is not valid", "The state parameter is missing: start again from the sign-in page.");
  }
  if (state.length > MAX_STATE_LENGTH) {
    return errorPage(400, "This sign-in link is not valid", `The state parameter is longer than ${MAX_STATE_LENGTH} characters.`);
  }
  let claims;
  try {
    claims = await verifySessionToken(url.searchParams.get("session_token"), {
      key: settings.redirectTokenKey,
      issuer: settings.tenantHost,
    });
  } catch (error) {
    if (error instanceof RedirectTokenError) return errorPage(400, "This sign-in link is not valid", error.message);
    throw error;
  }
  if (claims.step !== "terms") {
    return errorPage(400, "This sign-in link is not valid", `The session_token is for the "${claims.step}" step, not the terms.`);
  }
  const version = claims.payload.terms_version;
  if (typeof version !== "number" || !termsDocuments().has(version)) {
    return errorPage(
      400,
      "These terms are not available",
      `The sign-in asked for terms version ${String(version)}, which this app does not publish. Deploy the app with that version.`,
    );
  }
  // The application the user signs in to, for the consent record; absent from tokens of older Action versions.
  const clientId = claims.payload.client_id;
  const data: Record<string, string | number> = { termsVersion: version };
  if (typeof clientId === "string" && clientId.length <= 128) data.clientId = clientId;
  const sealed = await sealStepSession(
    { step: "terms", sub: claims.sub, state, data },
    settings.cookiePassword,
  );
  return new Response(null, {
    status: 303,
    headers: {
      location: TERMS_PATH,
      "set-cookie": stepCookieHeader(sealed, { path: TERMS_PATH, secure: settings.secureCookies }),
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}
