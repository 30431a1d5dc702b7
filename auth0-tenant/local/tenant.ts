import type { TenantTrust } from "./actions-runtime/tenant-trust";
import { PostLoginTrigger } from "./login/post-login-trigger";
import type { TenantLog } from "./log";
import { createAuthorizationCodeStore, type AuthorizationCodeStore } from "./state/authorization-codes";
import { createContinueStateStore, type ContinueStateStore } from "./state/continue-states";
import { LoginTransactionStore } from "./state/login-transactions";
import { MfaChallengeStore } from "./state/mfa-challenges";
import { SessionStore } from "./state/sessions";
import { TokenStats } from "./state/token-stats";
import { LogEventStore } from "./store/log-events";
import { UserinfoClaimStore } from "./state/userinfo-claims";
import type { Stores } from "./store/open-stores";
import type { RefreshTokenStore } from "./store/refresh-tokens";
import { OpaqueAccessTokens } from "./tokens/opaque-access-token";
import { TokenSigner } from "./tokens/signer";

/** Everything a handler may use: persisted stores (refresh tokens among them), in-memory login state, the signer, the Actions trigger. */
export interface Tenant {
  /** `http://localhost:PORT/`, trailing slash included. */
  issuer: string;
  /** `${issuer}api/v2/`: the canonical Management API audience. */
  managementAudience: string;
  /** The canonical one, and `https://localhost:TLS_PORT/api/v2/` when TLS is served (what the `auth0` SDK asks for). */
  managementAudiences: readonly string[];
  isManagementAudience(audience: string | undefined): boolean;
  /** `${issuer}userinfo`. */
  userinfoAudience: string;
  now: () => number;
  log: TenantLog;
  stores: Stores;
  sessions: SessionStore;
  transactions: LoginTransactionStore;
  codes: AuthorizationCodeStore;
  continueStates: ContinueStateStore;
  /** Logins waiting for a one-time code (`api.multifactor.enable`). */
  mfaChallenges: MfaChallengeStore;
  refreshTokens: RefreshTokenStore;
  stats: TokenStats;
  /** Log events of logins and failures (`/api/v2/logs`). */
  logEvents: LogEventStore;
  signer: TokenSigner;
  /** Access tokens for no API: readable by the tenant only. */
  opaqueTokens: OpaqueAccessTokens;
  /** The ID token's custom claims, which `/userinfo` returns, by access-token `jti`. */
  userinfoClaims: UserinfoClaimStore;
  trigger: PostLoginTrigger;
}

export function createTenant(options: {
  issuer: string;
  /** Other origins the tenant is reached at (its TLS listener), whose `/api/v2/` names the Management API too. */
  aliasOrigins?: string[];
  now: () => number;
  log: TenantLog;
  stores: Stores;
  /** The tenant's own HTTPS endpoint(s) and certificate, for its Actions to call it. */
  trust?: TenantTrust;
}): Tenant {
  const { issuer, now, log, stores } = options;
  const managementAudiences = [`${issuer}api/v2/`, ...(options.aliasOrigins ?? []).map((origin) => `${origin}/api/v2/`)];
  return {
    issuer,
    managementAudience: `${issuer}api/v2/`,
    managementAudiences,
    isManagementAudience: (audience) => audience !== undefined && managementAudiences.includes(audience),
    userinfoAudience: `${issuer}userinfo`,
    now,
    log,
    stores,
    sessions: new SessionStore(now),
    transactions: new LoginTransactionStore(now),
    codes: createAuthorizationCodeStore(now),
    continueStates: createContinueStateStore(now),
    mfaChallenges: new MfaChallengeStore(now),
    refreshTokens: stores.refreshTokens,
    stats: new TokenStats(),
    logEvents: new LogEventStore(now),
    signer: new TokenSigner(stores.signingKeys, issuer, now),
    opaqueTokens: new OpaqueAccessTokens(stores.opaqueTokenKey, issuer, now),
    userinfoClaims: new UserinfoClaimStore(now),
    trigger: new PostLoginTrigger(stores.actions, stores.bindings, log, now, options.trust),
  };
}
