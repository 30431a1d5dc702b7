import { randomUUID } from "node:crypto";
import path from "node:path";
import { bundleAction } from "../../auth0-tenant/tooling/bundle-actions";
import { createActionsCache, runPostLogin } from "../../auth0-tenant/local/actions-runtime";
import type { ActionRequest, ActionsCacheStore, DeployedAction, LoginContext, PipelineOutcome, TenantUser } from "../../auth0-tenant/local/actions-runtime";

/** One of our Actions as it is deployed: its bundle, with the given secrets. */
export async function deployedAction(name: string, secrets: Record<string, string>): Promise<DeployedAction> {
  return { id: `act_${name}`, name, code: await bundleAction(path.join(process.cwd(), "actions", `${name}.ts`)), secrets };
}

/** A stored user as the local tenant keeps it. */
export function tenantUser(overrides: Partial<TenantUser> = {}): TenantUser {
  return {
    user_id: "auth0|u1",
    email: "u1@example.com",
    email_verified: true,
    name: "U One",
    nickname: "u1",
    picture: "",
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    app_metadata: {},
    user_metadata: {},
    identities: [],
    logins_count: 1,
    ...overrides,
  };
}

/** A browser login through the local tenant (or another protocol), as the runtime receives it. */
export function loginContext(protocol: LoginContext["transaction"]["protocol"] = "oidc-basic-profile", query: Record<string, string> = {}): LoginContext {
  return {
    tenant: { id: "local" },
    client: { client_id: "app-client", name: "Product XYZ", metadata: {} },
    connection: { id: "con_1", name: "Username-Password-Authentication", strategy: "auth0" },
    request: { ip: "127.0.0.1", hostname: "localhost:4000", method: "GET", query, body: {}, geoip: {} },
    transaction: { id: "tx1", protocol, requested_scopes: ["openid"], response_type: ["code"], locale: "en", ui_locales: [] },
    authentication: { methods: [{ name: "pwd", timestamp: new Date().toISOString() }] },
  };
}

/** The browser's POST to the local tenant's `/continue` with `body` (the app's hand-off fields), as the runtime receives it. */
export function continueRequest(body: Record<string, string>): ActionRequest {
  return { ip: "127.0.0.1", hostname: "localhost:4000", method: "POST", query: {}, body, geoip: {} };
}

/** The query Auth0 adds to an Action's redirect: its own `state`, unique per login. */
export function withContinueState(url: string): string {
  return `${url}&state=continue-${randomUUID()}`;
}

/** Runs one deployed Action for a login; `logs` keeps its lines as `level: message`. `now` fixes the clock (ms). */
export async function runAction(
  action: DeployedAction,
  input: { user: TenantUser; context?: LoginContext; cache?: ActionsCacheStore; now?: number },
): Promise<{ outcome: PipelineOutcome; logs: string[] }> {
  const logs: string[] = [];
  const outcome = await runPostLogin({
    actions: [action],
    user: input.user,
    context: input.context ?? loginContext(),
    cache: input.cache ?? createActionsCache(),
    log: (entry) => void logs.push(`${entry.level}: ${entry.message}`),
    ...(input.now === undefined ? {} : { now: () => input.now as number }),
  });
  return { outcome, logs };
}

/** The ID- and access-token claims of a login that completed; throws, showing the outcome, otherwise. */
export function completedClaims(outcome: PipelineOutcome): { id: Record<string, unknown>; access: Record<string, unknown> } {
  if (outcome.kind !== "completed") throw new Error(`expected a completed login, got ${JSON.stringify(outcome)}`);
  return { id: outcome.commands.idTokenClaims, access: outcome.commands.accessTokenClaims };
}
