import type { AccessTokenError } from "./errors";

/** RFC 6750 §3: quoted-string values exclude `"` and `\` (and control characters). */
function quoted(value: string): string {
  return `"${value.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, "")}"`;
}

/**
 * The response to a refused access token: 401/403 with `WWW-Authenticate: Bearer realm=…, error=…,
 * error_description=…` (and the `scope` needed, on 403), 400 for a malformed header, 503 when the keys could not be
 * fetched. The body repeats the error as JSON.
 *
 * @example
 * catch (error) { if (isAccessTokenError(error)) return accessTokenErrorResponse(error, { realm: audience, scope: "read:consents" }); }
 */
export function accessTokenErrorResponse(error: AccessTokenError, options: { realm: string; scope?: string }): Response {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (error.status === 503) {
    headers["retry-after"] = "10";
  } else {
    const parameters = [`realm=${quoted(options.realm)}`];
    if (error.bearerError) parameters.push(`error=${quoted(error.bearerError)}`, `error_description=${quoted(error.message)}`);
    if (error.bearerError === "insufficient_scope" && options.scope) parameters.push(`scope=${quoted(options.scope)}`);
    headers["www-authenticate"] = `Bearer ${parameters.join(", ")}`;
  }
  const body = { error: error.bearerError ?? (error.status === 503 ? "temporarily_unavailable" : "unauthorized"), error_description: error.message, code: error.wireCode };
  return new Response(JSON.stringify(body), { status: error.status, headers });
}
