/**
 * The part of Auth0's post-login v3 `event` and `api` that our Actions use, typed after Auth0's reference
 * (`@auth0/actions/post-login/v3`, which the npm registry here does not serve). The local tenant's Actions runtime
 * builds its `event` and `api` as these types (`auth0-tenant/local/actions-runtime/build-event.ts`,
 * `post-login-api.ts`), so an Action that reads a field the runtime does not build fails to compile.
 */
export interface PostLoginEvent {
  user: {
    user_id: string;
    email?: string;
    email_verified?: boolean;
    app_metadata: Record<string, unknown>;
    user_metadata: Record<string, unknown>;
  };
  /** `metadata` is the client's `client_metadata` (the sync keeps its key there as `tenant_sync_key`). */
  client: { client_id: string; name: string; metadata?: Record<string, string | undefined> };
  /** `language`: the browser's language, the first of its `Accept-Language`. */
  request: { hostname: string; ip: string; language?: string; query?: Record<string, string | undefined> };
  /**
   * `metadata`: what `api.transaction.setMetadata` stored in this login, kept across a redirect and `/continue`;
   * `ui_locales`: the application's `ui_locales`, in order.
   */
  transaction?: { protocol?: string; ui_locales?: string[]; metadata?: Record<string, string | number | boolean> };
  authorization?: { roles: string[] };
  /** Present when the login asked for an `audience`. */
  resource_server?: { identifier: string };
  secrets: Record<string, string | undefined>;
}

/** A record of `api.cache`: `expires_at` in milliseconds since the epoch. */
export interface CacheRecord {
  value: string;
  expires_at: number;
}

export type CacheWriteResult = { type: "success"; record?: CacheRecord } | { type: "error"; code: string };

/** `api.cache`: per trigger, at most 20 entries of 4 kB, not guaranteed to survive between executions. */
export interface ActionsCache {
  get(key: string): CacheRecord | undefined;
  /** `ttl` in milliseconds from now; with both, the earlier expiry wins. */
  set(key: string, value: string, options?: { ttl?: number; expires_at?: number }): CacheWriteResult;
  delete(key: string): CacheWriteResult;
}

export interface PostLoginApi {
  access: { deny(reason: string): PostLoginApi };
  idToken: { setCustomClaim(name: string, value: unknown): PostLoginApi };
  accessToken: { setCustomClaim(name: string, value: unknown): PostLoginApi };
  user: {
    setAppMetadata(name: string, value: unknown): PostLoginApi;
    setUserMetadata(name: string, value: unknown): PostLoginApi;
  };
  redirect: {
    canRedirect(): boolean;
    encodeToken(options: { secret: string; payload: Record<string, unknown>; expiresInSeconds?: number }): string;
    sendUserTo(url: string, options?: { query?: Record<string, string> }): PostLoginApi;
    validateToken(options: { secret: string; tokenParameterName?: string }): Record<string, unknown>;
  };
  cache: ActionsCache;
  transaction: { setMetadata(key: string, value: string | number | boolean | null): PostLoginApi };
}

/** `event.request.geoip`: camelCase in Actions; absent fields when the location is unknown. */
export interface GeoIp {
  cityName?: string;
  /** AF, AN, AS, EU, NA, OC or SA. */
  continentCode?: string;
  /** ISO 3166-1 alpha-2, e.g. `FR`. */
  countryCode?: string;
  countryCode3?: string;
  countryName?: string;
  latitude?: number;
  longitude?: number;
  subdivisionCode?: string;
  subdivisionName?: string;
  timeZone?: string;
}

/** One entry of `event.authentication.methods`; `timestamp` is an ISO-8601 string, `type` is set for `mfa`. */
export interface AuthenticationMethod {
  name: string;
  timestamp: string;
  type?: string;
}

export interface MfaPostLoginEvent extends PostLoginEvent {
  request: PostLoginEvent["request"] & { geoip?: GeoIp };
  /** The methods this session authenticated with (`pwd`, `federated`, `mfa`…). */
  authentication?: { methods: AuthenticationMethod[] };
}

export type MultifactorProvider = "any" | "none" | "guardian" | "google-authenticator" | "duo";

export interface MfaPostLoginApi extends PostLoginApi {
  /** The challenge happens after the last Action; `none` suppresses it. Last call wins. */
  multifactor: {
    enable(provider: MultifactorProvider, options?: { allowRememberBrowser?: boolean }): MfaPostLoginApi;
  };
}
