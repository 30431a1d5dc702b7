/**
 * What the MFA policy Action reads and calls beyond `post-login-types.ts`, typed after Auth0's post-login v3
 * reference (`event.request.geoip`, `event.authentication.methods`, `api.multifactor`).
 */
import type { PostLoginApi, PostLoginEvent } from "./post-login-types";

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
