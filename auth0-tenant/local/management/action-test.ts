import { z } from "zod";
import { createActionsCache, runPostLogin, type LoginContext, type TenantUser } from "../actions-runtime";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { ACTION_NOT_FOUND } from "./actions";
import { authorizeManagement } from "./authorize-management";
import { notFound, readJsonBody } from "./validation";

const testSchema = z.strictObject({ payload: z.record(z.string(), z.unknown()) });

/**
 * `POST /actions/actions/{id}/test`: runs the draft's `onExecutePostLogin` once on the event in `payload` (missing
 * parts filled as a test event from the Dashboard has them) and answers `{ payload: { logs, stats, commands | error } }`.
 * Nothing it does touches the tenant: its metadata writes and redirects are reported, not applied.
 */
export async function testAction(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:actions", "update:actions"]);
  const action = tenant.stores.actions.get(req.params.id ?? "");
  if (!action) throw notFound(ACTION_NOT_FOUND);
  const { payload } = await readJsonBody(req, testSchema);
  const lines: string[] = [];
  const started = tenant.now();
  const outcome = await runPostLogin({
    actions: [{ id: action.id, name: action.name, code: action.code, secrets: Object.fromEntries(action.secrets.map((secret) => [secret.name, secret.value])) }],
    user: testUser(payload.user),
    context: testContext(tenant, payload),
    cache: createActionsCache(),
    log: (entry) => void lines.push(entry.message),
    now: tenant.now,
  });
  const stats = { action_duration_ms: tenant.now() - started };
  const result =
    outcome.kind === "failed"
      ? { error: { message: outcome.message } }
      : outcome.kind === "denied"
        ? { commands: [{ name: "access.deny", reason: outcome.reason }], user_updates: outcome.userUpdates }
        : outcome.kind === "redirect"
          ? { commands: [{ name: "redirect.sendUserTo", url: outcome.url }], user_updates: outcome.userUpdates }
          : outcome.kind === "completed"
            ? { commands: outcome.commands, user_updates: outcome.userUpdates }
            : { commands: [{ name: outcome.kind }], user_updates: outcome.userUpdates };
  return jsonReply(200, { payload: { logs: lines.join("\n"), stats, ...result } });
}

function testUser(raw: unknown): TenantUser {
  const given = typeof raw === "object" && raw !== null ? (raw as Partial<TenantUser>) : {};
  const timestamp = new Date(0).toISOString();
  return {
    user_id: "auth0|5f7c8ec7c33c6c004bbafe82",
    email: "j+smith@example.com",
    email_verified: true,
    name: "j+smith@example.com",
    nickname: "j+smith",
    picture: "",
    created_at: timestamp,
    updated_at: timestamp,
    identities: [],
    logins_count: 1,
    ...given,
    app_metadata: given.app_metadata ?? {},
    user_metadata: given.user_metadata ?? {},
  };
}

function testContext(tenant: Tenant, payload: Record<string, unknown>): LoginContext {
  const section = <T>(name: string): Partial<T> => (typeof payload[name] === "object" && payload[name] !== null ? (payload[name] as Partial<T>) : {});
  return {
    tenant: { id: "local" },
    client: { client_id: "test-client", name: "Test Application", metadata: {}, ...section<LoginContext["client"]>("client") },
    connection: { id: "con_test", name: "Username-Password-Authentication", strategy: "auth0", ...section<LoginContext["connection"]>("connection") },
    request: { ip: "127.0.0.1", hostname: new URL(tenant.issuer).host, method: "GET", query: {}, body: {}, geoip: {}, ...section<LoginContext["request"]>("request") },
    transaction: { id: "test-transaction", protocol: "oidc-basic-profile", requested_scopes: ["openid"], response_type: ["code"], locale: "en", ui_locales: [] },
    authentication: { methods: [{ name: "pwd", timestamp: new Date(tenant.now()).toISOString() }] },
  };
}
