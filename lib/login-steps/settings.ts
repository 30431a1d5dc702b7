import type { KeyObject } from "node:crypto";
import { getConfig, type Config } from "../config";
import type { ConsentLedger } from "../ledger/consent-ledger";
import { processLedger } from "../ledger/process-ledger";
import { redirectTokenKey } from "../redirect-token/secret-key";

/** What the consent step needs from the configuration, prepared once per process (keys imported once). */
export interface ConsentSettings {
  appOrigin: string;
  tenantHost: string;
  /** Where answers go: from configuration, never from the request. */
  continueUrl: string;
  /** Made once per process. */
  redirectTokenKey: KeyObject;
  cookiePassword: string;
  /** Secure cookies whenever the app is served over https. */
  secureCookies: boolean;
  /** Where every answer is recorded before it is signed. */
  ledger: ConsentLedger;
  /** Reverse proxies in front of the app whose `X-Forwarded-For` is trusted for the recorded IP address. */
  trustedProxyHops: number;
}

/**
 * Settings from a configuration. The ledger defaults to the process's own (opened on first use); tests pass theirs.
 *
 * @example
 * const settings = consentSettingsFrom(parseConfig(env), ledger);
 */
export function consentSettingsFrom(config: Config, ledger: ConsentLedger = processLedger(config)): ConsentSettings {
  return {
    appOrigin: config.appBaseUrl,
    tenantHost: config.tenant.host,
    continueUrl: config.tenant.continueUrl,
    redirectTokenKey: redirectTokenKey(config.redirectTokenSecret),
    cookiePassword: config.consentCookieSecret,
    secureCookies: config.appBaseUrl.startsWith("https:"),
    ledger,
    trustedProxyHops: config.trustedProxyHops,
  };
}

let cached: ConsentSettings | undefined;

/** The settings of this process, built on first use (not at import, so `next build` needs no secrets). */
export function consentSettings(): ConsentSettings {
  // The ledger is opened at server start (instrumentation.ts); a failure then is retried by the answer's own call.
  cached ??= consentSettingsFrom(getConfig());
  return cached;
}
