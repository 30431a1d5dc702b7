import type { KeyObject } from "node:crypto";
import { getConfig, type Config } from "../config";
import { importRedirectTokenKey } from "../redirect-token/secret-key";

/** What the consent step needs from the configuration, prepared once per process (keys imported once). */
export interface ConsentSettings {
  appOrigin: string;
  tenantHost: string;
  /** Where answers go: from configuration, never from the request. */
  continueUrl: string;
  redirectTokenKey: KeyObject;
  cookiePassword: string;
  /** Secure cookies whenever the app is served over https. */
  secureCookies: boolean;
}

export function consentSettingsFrom(config: Config): ConsentSettings {
  return {
    appOrigin: config.appBaseUrl,
    tenantHost: config.tenant.host,
    continueUrl: config.tenant.continueUrl,
    redirectTokenKey: importRedirectTokenKey(config.redirectTokenSecret),
    cookiePassword: config.consentCookieSecret,
    secureCookies: config.appBaseUrl.startsWith("https:"),
  };
}

let cached: ConsentSettings | undefined;

/** The settings of this process, built on first use (not at import, so `next build` needs no secrets). */
export function consentSettings(): ConsentSettings {
  cached ??= consentSettingsFrom(getConfig());
  return cached;
}
