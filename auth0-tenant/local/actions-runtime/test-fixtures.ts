/** Builders shared by this folder's tests: a user, a login context and Actions from inline CommonJS sources. */
import { randomUUID } from "node:crypto";
import { createActionsCache } from "./cache";
import { resumePostLogin, runPostLogin } from "./pipeline";
import type { DeployedAction, LoginContext, ResumePostLoginInput, RunPostLoginInput, RuntimeLog, SuspendedPipeline, TenantUser } from "./types";

export const HOSTNAME = "localhost:4000";
/** 2030-01-01T00:00:00Z: a fixed clock for anything that expires. */
export const NOW_MS = Date.UTC(2030, 0, 1);

export function makeUser(overrides: Partial<TenantUser> = {}): TenantUser {
  return {
    user_id: "auth0|user-1",
    email: "ada@example.com",
    email_verified: true,
    name: "Ada Lovelace",
    nickname: "ada",
    picture: "https://example.com/ada.png",
    created_at: "2029-01-01T00:00:00.000Z",
    updated_at: "2029-06-01T00:00:00.000Z",
    app_metadata: { plan: "gold" },
    user_metadata: { color: "green" },
    identities: [{ connection: "Username-Password-Authentication", provider: "auth0", user_id: "user-1", isSocial: false }],
    groups: ["engineering"],
    roles: ["admin", "editor"],
    logins_count: 7,
    ...overrides,
  };
}

export function makeContext(overrides: Partial<LoginContext> = {}): LoginContext {
  return {
    tenant: { id: "local" },
    client: { client_id: "client-1", name: "Product XYZ", metadata: { tier: "web" } },
    connection: { id: "con_1", name: "Username-Password-Authentication", strategy: "auth0" },
    request: {
      ip: "203.0.113.9",
      hostname: HOSTNAME,
      method: "GET",
      query: { client_id: "client-1", response_type: "code", scope: "openid profile", state: "app-state" },
      body: {},
      user_agent: "vitest",
      language: "en",
      geoip: { countryCode: "FR", cityName: "Paris" },
    },
    transaction: {
      id: "tx_1",
      protocol: "oidc-basic-profile",
      state: "app-state",
      redirect_uri: "http://127.0.0.1:3000/auth/callback",
      requested_scopes: ["openid", "profile"],
      response_type: ["code"],
      response_mode: "query",
      locale: "en",
      ui_locales: [],
    },
    authentication: { methods: [{ name: "pwd", timestamp: "2030-01-01T00:00:00.000Z" }] },
    ...overrides,
  };
}

/** A deployed Action from CommonJS source; every call gets a fresh id, so module instances never leak between tests. */
export function makeAction(code: string, overrides: Partial<DeployedAction> = {}): DeployedAction {
  const id = `act_${randomUUID()}`;
  return { id, name: `action-${id.slice(4, 12)}`, code, secrets: {}, ...overrides };
}

export type LogEntry = Parameters<RuntimeLog>[0];

export function collectLogs(): { log: RuntimeLog; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { log: (entry) => void entries.push(entry), entries };
}

/** `runPostLogin` with test defaults; `entries` collects the Actions' logs. */
export async function run(actions: DeployedAction[], overrides: Partial<RunPostLoginInput> = {}) {
  const logs = collectLogs();
  const outcome = await runPostLogin({
    actions,
    user: makeUser(),
    context: makeContext(),
    cache: createActionsCache(),
    log: logs.log,
    now: () => NOW_MS,
    ...overrides,
  });
  return { outcome, logs: logs.entries };
}

/**
 * `resumePostLogin` with test defaults, as the server calls it at `/continue`: the suspended pipeline goes through
 * JSON first, as it is stored; `entries` collects the Actions' logs.
 */
export async function resume(suspended: SuspendedPipeline, actions: DeployedAction[], overrides: Partial<ResumePostLoginInput> = {}) {
  const logs = collectLogs();
  const outcome = await resumePostLogin({
    suspended: JSON.parse(JSON.stringify(suspended)) as SuspendedPipeline,
    actionsById: Object.fromEntries(actions.map((action) => [action.id, action])),
    user: makeUser(),
    request: makeContext().request,
    cache: createActionsCache(),
    log: logs.log,
    now: () => NOW_MS,
    ...overrides,
  });
  return { outcome, logs: logs.entries };
}
