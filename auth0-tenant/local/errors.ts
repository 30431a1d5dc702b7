import { CodedError } from "../../contract/coded-error";

/**
 * Typed errors of the local tenant. Each carries the HTTP status it maps to and Auth0's own code for the refusal
 * (`wireCode`); the route's kind (HTML page, OAuth JSON, Management API JSON) decides how it is rendered. `code` says
 * which kind of refusal it is, in the project's style; the response carries `wireCode`, as Auth0 would.
 */
export type TenantErrorCode =
  | "ERR_LOCAL_TENANT_REFUSED"
  | "ERR_LOCAL_TENANT_REQUEST_INVALID"
  | "ERR_LOCAL_TENANT_OAUTH"
  | "ERR_LOCAL_TENANT_MANAGEMENT_API"
  | "ERR_LOCAL_TENANT_STORE"
  | "ERR_LOCAL_TENANT_PAGE";

/** A refusal of the tenant that is none of the kinds below (a user that exists, an unknown path…). */
export class TenantError extends CodedError<TenantErrorCode> {
  constructor(
    /** Auth0's code: the OAuth `error`, the Management API's `errorCode`, the code the error page shows. */
    readonly wireCode: string,
    message: string,
    readonly status: number = 400,
    code: TenantErrorCode = "ERR_LOCAL_TENANT_REFUSED",
  ) {
    super(code, message);
  }
}

/** Malformed HTTP input (body too large, unreadable JSON, wrong content type, bad percent-encoding). */
export class RequestError extends TenantError {
  constructor(wireCode: string, message: string, status = 400) {
    super(wireCode, message, status, "ERR_LOCAL_TENANT_REQUEST_INVALID");
  }
}

/**
 * An OAuth 2.0 / OIDC protocol error: rendered as `{error, error_description}` (`wireCode` is the OAuth error code).
 * `message` is Auth0's own text (SDKs match it); `reason`, the local tenant's precise cause, is added to the body as
 * `local_tenant_reason` and to the log.
 */
export class OAuthError extends TenantError {
  constructor(
    wireCode: string,
    message: string,
    status = 400,
    readonly reason?: string,
  ) {
    super(wireCode, message, status, "ERR_LOCAL_TENANT_OAUTH");
  }
}

/** A Management API error: rendered as `{statusCode, error, message, errorCode}` (`wireCode` is the errorCode). */
export class ManagementApiError extends TenantError {
  constructor(wireCode: string, message: string, status = 400) {
    super(wireCode, message, status, "ERR_LOCAL_TENANT_MANAGEMENT_API");
  }
}

/** A data file under `dataDir` cannot be read or parsed: a startup error naming the file. */
export class StoreError extends TenantError {
  constructor(
    wireCode: string,
    message: string,
    readonly file: string,
  ) {
    super(wireCode, message, 500, "ERR_LOCAL_TENANT_STORE");
  }
}

/**
 * A refusal shown to the browser as a plain HTML page, never as a redirect (e.g. an unregistered `redirect_uri`, or
 * `/continue` with a state it cannot find). `reason` is the precise cause, printed on the page and in the log.
 */
export class PageError extends TenantError {
  constructor(
    wireCode: string,
    message: string,
    readonly reason?: string,
    status = 400,
  ) {
    super(wireCode, message, status, "ERR_LOCAL_TENANT_PAGE");
  }
}
