/**
 * Typed errors of the local tenant. Each carries a stable `code` and the HTTP status it maps to; the route's kind
 * (HTML page, OAuth JSON, Management API JSON) decides how it is rendered.
 */

export class TenantError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Malformed HTTP input (body too large, unreadable JSON, wrong content type, bad percent-encoding). */
export class RequestError extends TenantError {}

/**
 * An OAuth 2.0 / OIDC protocol error: rendered as `{error, error_description}` (`code` is the OAuth error code).
 * `message` is Auth0's own text (SDKs match it); `reason`, the local tenant's precise cause, is added to the body as
 * `local_tenant_reason` and to the log.
 */
export class OAuthError extends TenantError {
  constructor(
    code: string,
    message: string,
    status = 400,
    readonly reason?: string,
  ) {
    super(code, message, status);
  }
}

/** A Management API error: rendered as `{statusCode, error, message, errorCode}` (`code` is the errorCode). */
export class ManagementApiError extends TenantError {}

/** A data file under `dataDir` cannot be read or parsed: a startup error naming the file. */
export class StoreError extends TenantError {
  constructor(
    code: string,
    message: string,
    readonly file: string,
  ) {
    super(code, message, 500);
  }
}

/**
 * A refusal shown to the browser as a plain HTML page, never as a redirect (e.g. an unregistered `redirect_uri`, or
 * `/continue` with a state it cannot find). `reason` is the precise cause, printed on the page and in the log.
 */
export class PageError extends TenantError {
  constructor(
    code: string,
    message: string,
    readonly reason?: string,
    status = 400,
  ) {
    super(code, message, status);
  }
}
