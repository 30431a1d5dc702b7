import { randomBytes, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { parseConfig } from "../lib/config";
import { consentSettingsFrom, type ConsentSettings } from "../lib/login-steps/settings";
import { STEP_COOKIE_NAME } from "../lib/login-steps/step-cookie";
import { handleStepIntake } from "../lib/login-steps/step-intake";
import { termsStep } from "../lib/login-steps/terms/terms-step";
import type { ConsentLedger } from "../lib/ledger/consent-ledger";
import { currentVersionOf, termsDocuments } from "../lib/terms/documents";
import { BENCH_CLIENT_ID } from "./bench-config";

/** The Action's token lifetime (actions/terms-of-use.ts): long enough for any round of the bench. */
const SESSION_TOKEN_TTL_SECONDS = 300;
/** Generating step cookies: enough in flight to keep the crypto busy, few enough to stay bounded. */
const COOKIES_IN_FLIGHT = 32;

/** The intake only verifies and seals: it never records. */
const refuse = () => Promise.reject(new Error("the bench's intake never touches the ledger"));
const NO_LEDGER: ConsentLedger = { prepare: refuse, record: refuse, history: refuse, list: refuse, close: async () => undefined };

/**
 * What the browser brings to the hot path, made the way the real parties make it: session tokens as the terms
 * Action signs them (`api.redirect.encodeToken`: HS256, `iat`, `iss` = tenant host, `sub`, `exp`, `ip`, then the
 * step's payload), and step cookies from real intake responses (`handleStepIntake` of the terms step with the servers' settings).
 */
export class ConsentInputs {
  private readonly settings: ConsentSettings;
  private readonly termsVersion = currentVersionOf(termsDocuments());
  /**
   * Users of this instance only: a PostgreSQL ledger outlives the run, and the per-user rate limit counts its rows
   * (after 10 runs in an hour, a reused `auth0|bench-1` is answered 429).
   */
  private readonly run = randomBytes(4).toString("hex");
  private users = 0;

  /** `env`: a server's environment; only its secrets and tenant matter here. */
  constructor(env: Record<string, string>) {
    this.settings = consentSettingsFrom(parseConfig(env), NO_LEDGER);
  }

  /** `/terms/start?session_token=…&state=…` for a new login of a new user. */
  async intakePath(): Promise<string> {
    const sub = `auth0|bench-${this.run}-${(this.users += 1)}`;
    const query = new URLSearchParams({ session_token: await this.sessionToken(sub), state: newState() });
    return `/terms/start?${query}`;
  }

  /** `consent_step=…` for a login of its own (own user, own `state`), as the intake sets it. */
  async stepCookie(): Promise<string> {
    const path = await this.intakePath();
    const response = await handleStepIntake(new Request(`${this.settings.appOrigin}${path}`), termsStep, this.settings);
    const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
    if (response.status !== 303 || !cookie?.startsWith(`${STEP_COOKIE_NAME}=`)) {
      throw new Error(`the intake refused the bench's token (${response.status}): ${await response.text()}`);
    }
    return cookie;
  }

  /** `count` step cookies, each for its own login. */
  async stepCookies(count: number): Promise<string[]> {
    const cookies: string[] = [];
    while (cookies.length < count) {
      const batch = Math.min(COOKIES_IN_FLIGHT, count - cookies.length);
      cookies.push(...(await Promise.all(Array.from({ length: batch }, () => this.stepCookie()))));
    }
    return cookies;
  }

  private async sessionToken(sub: string): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iat,
      iss: this.settings.tenantHost,
      sub,
      exp: iat + SESSION_TOKEN_TTL_SECONDS,
      ip: "127.0.0.1",
      step: "terms",
      terms_version: this.termsVersion,
      client_id: BENCH_CLIENT_ID,
      login_id: randomUUID(),
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(await this.settings.redirectTokenKey);
  }
}

/** Random, about as long as Auth0's `state` (some 150 characters), so cookies and rows have their real size. */
function newState(): string {
  return randomBytes(112).toString("base64url");
}
