/**
 * The contract between the local tenant's HTTP server and its Actions runtime.
 *
 * The runtime is pure logic: it runs the bundled CommonJS of the post-login Actions bound to the trigger, in order,
 * and answers with an outcome. The server owns HTTP, users, sessions and persistence; it applies the outcome.
 * Everything that crosses a redirect (`SuspendedPipeline`) is plain JSON, so the server may store it anywhere.
 */

import type { GeoIp } from "../../../contract/post-login";
import type { TenantTrust } from "./tenant-trust";

/** A deployed Action version as the trigger runs it: the exact bundled code deployed to Auth0. */
export interface DeployedAction {
  id: string;
  name: string;
  /** CommonJS source exporting `onExecutePostLogin` and, if it redirects, `onContinuePostLogin`. */
  code: string;
  secrets: Record<string, string>;
  /**
   * The version's npm dependencies: package name → the folder its install was built into, from which `require`
   * resolves it. Nothing else but Node's built-ins can be required.
   */
  dependencies?: Record<string, string>;
}

/** A user as the tenant stores it (the shape of the Management API's user, minus what Actions never see). */
export interface TenantUser {
  user_id: string;
  email: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  picture: string;
  created_at: string;
  updated_at: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  identities: Array<{ connection: string; provider: string; user_id: string; isSocial: boolean }>;
  multifactor?: string[];
  /** MFA factors the user has enrolled, as `event.user.enrolledFactors`; the server fills it from its enrollments. */
  enrolledFactors?: Array<{ type: string }>;
  /** Directory groups: a root attribute that `event.user` does not carry (read through the Management API). */
  groups?: string[];
  /** Role names, exposed as `event.authorization.roles`. */
  roles?: string[];
  logins_count: number;
}

/** The HTTP request that started (or resumed) the execution, as `event.request` shows it. */
export interface ActionRequest {
  ip: string;
  /** Host used for the flow, e.g. `localhost:4000` (becomes `iss` of `encodeToken` and the issuer `validateToken` expects). */
  hostname: string;
  method: string;
  query: Record<string, string>;
  body: Record<string, string>;
  user_agent?: string;
  language?: string;
  geoip: GeoIp;
}

/** `event.transaction.protocol` values the local tenant produces. */
export type TransactionProtocol = "oidc-basic-profile" | "oidc-implicit-profile" | "oidc-hybrid-profile" | "oauth2-refresh-token" | "oauth2-password";

/** Everything about one login that the server knows before the Actions run. */
export interface LoginContext {
  tenant: { id: string };
  client: { client_id: string; name: string; metadata: Record<string, string> };
  connection: { id: string; name: string; strategy: string };
  request: ActionRequest;
  transaction: {
    id: string;
    protocol: TransactionProtocol;
    /** The application's own `state` from `/authorize`. */
    state?: string;
    redirect_uri?: string;
    requested_scopes: string[];
    response_type: string[];
    response_mode?: string;
    prompt?: string[];
    locale: string;
    ui_locales: string[];
  };
  authentication: { methods: Array<{ name: string; timestamp: string; type?: string }> };
  /** Present when an `audience` was requested. */
  resource_server?: { identifier: string };
  /** Present on refresh-token exchanges. */
  refresh_token?: { id: string; client_id: string; created_at: string };
}

/** Per-trigger cache shared across executions (`api.cache`); the server keeps one instance per trigger. */
export interface ActionsCacheStore {
  get(key: string): { value: string; expires_at: number } | undefined;
  set(key: string, record: { value: string; expires_at: number }): void;
  delete(key: string): boolean;
  entries(): Array<[string, { value: string; expires_at: number }]>;
}

/** Metadata writes to apply to the stored user: first-level merge, `null` deletes a key. */
export interface UserMetadataPatch {
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
}

/** What the Actions asked for so far; accumulates across a redirect and is applied when the login completes. */
export interface AccumulatedCommands {
  idTokenClaims: Record<string, unknown>;
  accessTokenClaims: Record<string, unknown>;
  /** Last operation per scope wins. */
  scopeChanges: Record<string, "add" | "remove">;
  transactionMetadata: Record<string, string | number | boolean>;
  /** `api.multifactor.enable(provider, options)`, last call wins; `undefined` when never called. */
  multifactor?: { provider: string; allowRememberBrowser?: boolean };
  /** Methods recorded with `api.authentication.recordMethod` (only in `onContinuePostLogin`). */
  recordedMethods: Array<{ name: string; timestamp: string }>;
  /**
   * Factors the user passed in this transaction at an Action's request (`challengeWith*`, `enrollWith*`): later
   * requests naming one of them are already satisfied, and later Actions see `mfa` in `event.authentication.methods`.
   */
  passedFactors: PassedFactor[];
}

/** A factor as Actions name it: `{ type, options? }`, e.g. `{ type: "phone", options: { preferredMethod: "sms" } }`. */
export interface FactorSelector {
  type: string;
  options?: Record<string, unknown>;
}

/** What one Action asked with `api.authentication.challengeWith*` or `enrollWith*`: the default factor first. */
export interface FactorRequest {
  kind: "challenge" | "enrollment";
  /** The call, for messages, e.g. `api.authentication.challengeWithAny`. */
  method: string;
  factors: FactorSelector[];
}

/** The MFA step the server runs for a `FactorRequest`: the local tenant runs `otp` (an authenticator app) only. */
export interface MfaStep {
  kind: "challenge" | "enrollment";
  factor: "otp";
  method: string;
}

/** A factor the user passed at an MFA step, shown in `event.authentication.methods` as `mfa` with its `type`. */
export interface PassedFactor {
  type: "otp";
  timestamp: string;
}

/** A pipeline waiting for `/continue` or for an MFA step. Plain JSON. */
export interface SuspendedPipeline {
  /**
   * `redirect` (`api.redirect.sendUserTo`): the resume runs `onContinuePostLogin` of the Action that redirected.
   * `mfa` (`challengeWith*`, `enrollWith*`): the resume runs `onExecutePostLogin` of the Actions after the one that
   * asked, none of them when it was the last.
   */
  suspendedBy: "redirect" | "mfa";
  /** Index (in `actionIds`) of the first Action the resume runs. */
  resumeIndex: number;
  /** The bound Action ids in binding order when the login started: resume runs the later ones, never the earlier. */
  actionIds: string[];
  context: LoginContext;
  commands: AccumulatedCommands;
}

export interface RuntimeLog {
  (entry: { action: string; level: "log" | "info" | "warn" | "error"; message: string }): void;
}

export type PipelineOutcome =
  | {
      kind: "completed";
      commands: AccumulatedCommands;
      /** Applied by the server to the stored user before it answers. */
      userUpdates: UserMetadataPatch;
    }
  | {
      /** `api.redirect.sendUserTo`: the server flushes `userUpdates`, stores `suspended`, then sends the browser to `url` plus `state`. */
      kind: "redirect";
      url: string;
      suspended: SuspendedPipeline;
      userUpdates: UserMetadataPatch;
    }
  | {
      /**
       * `api.authentication.challengeWith*` or `enrollWith*` with a usable factor: the server runs `step`, then resumes
       * `suspended` with the factor passed.
       */
      kind: "mfa";
      step: MfaStep;
      /** The Action that asked. */
      action: string;
      suspended: SuspendedPipeline;
      userUpdates: UserMetadataPatch;
    }
  | {
      /** `api.access.deny(reason)`: the app receives `error=access_denied&error_description=reason`. */
      kind: "denied";
      reason: string;
      action: string;
      userUpdates: UserMetadataPatch;
    }
  | {
      /**
       * An Action threw, timed out, could not be loaded, or asked for MFA with no usable factor:
       * `error=access_denied&error_description=message`.
       */
      kind: "failed";
      message: string;
      action: string;
      userUpdates: UserMetadataPatch;
    };

export interface RunPostLoginInput {
  /** The Actions bound to post-login, in binding order. */
  actions: DeployedAction[];
  user: TenantUser;
  context: LoginContext;
  cache: ActionsCacheStore;
  log: RuntimeLog;
  /** Per-execution budget; 20 000 ms unless a test shortens it. */
  timeoutMs?: number;
  /** The clock, in ms since the epoch; tests may fake it. */
  now?: () => number;
  /** The tenant's own HTTPS endpoint and certificate, which the Actions' HTTPS calls trust. */
  trust?: TenantTrust;
}

export interface ResumePostLoginInput {
  suspended: SuspendedPipeline;
  /** The Actions currently deployed, by id (a redeploy between redirect and resume runs the new code). */
  actionsById: Record<string, DeployedAction>;
  /** Reloaded from the store: changes made while the user was away are visible. */
  user: TenantUser;
  /** The `/continue` request (or the login's, after an MFA step): becomes the new `event.request`. */
  request: ActionRequest;
  /** Required after an MFA step (`suspendedBy: "mfa"`): the factor the user passed there. */
  passedFactor?: PassedFactor;
  cache: ActionsCacheStore;
  log: RuntimeLog;
  timeoutMs?: number;
  now?: () => number;
  trust?: TenantTrust;
}
