import { describe, expect, it } from "vitest";
import { type DesiredState, TERMS_OF_USE_ACTION, desiredState } from "../desired-state";
import { type AppliedSecrets, emptyAppliedSecrets, withAppliedAction } from "./applied-secrets";
import { SYNC_KEY_METADATA } from "./diff-clients";
import { computePlan, planHasChanges } from "./plan";
import type { TenantSnapshot } from "./tenant-api";

const TENANT = "tenant.example.auth0.com";
const SECOND = "business-data";

function desired(overrides: Partial<Parameters<typeof desiredState>[0]> = {}): DesiredState {
  const state = desiredState({
    appBaseUrl: "http://127.0.0.1:3000",
    claimNamespace: "https://product-xyz.example/",
    redirectTokenSecret: "a".repeat(64),
    termsVersion: 2,
    ...overrides,
  });
  const terms = state.actions[0];
  if (!terms) throw new Error("no terms Action");
  const second = { ...terms, name: SECOND, sourceFile: "/actions/business-data.ts", secrets: [{ name: "API_URL", value: "https://x" }] };
  return { ...state, actions: [...state.actions, second], postLoginBindings: [TERMS_OF_USE_ACTION, SECOND] };
}

const code = new Map([
  [TERMS_OF_USE_ACTION, "exports.onExecutePostLogin = async () => 'terms';"],
  [SECOND, "exports.onExecutePostLogin = async () => 'data';"],
]);

const emptyTenant: TenantSnapshot = { actions: [], postLoginBindings: [], clients: [], resourceServers: [], clientGrants: [] };

/** A tenant exactly as a previous sync of `state` left it, with the record that sync wrote. */
function syncedTenant(state: DesiredState): { snapshot: TenantSnapshot; applied: AppliedSecrets } {
  const actions = state.actions.map((action, index) => ({
    id: `act-${index}`,
    name: action.name,
    code: code.get(action.name) ?? "",
    runtime: action.runtime,
    dependencies: action.dependencies,
    supported_triggers: [action.trigger],
    secrets: action.secrets.map((secret) => ({ name: secret.name, updated_at: "2026-01-01T00:00:00.000Z" })),
    status: "built",
    all_changes_deployed: true,
    errors: [],
  }));
  const applied = state.actions.reduce(
    (record, action, index) => withAppliedAction(record, actions[index] ?? actions[0]!, action.secrets),
    emptyAppliedSecrets(TENANT),
  );
  const clients = state.clients.map((client, index) => {
    const { key, ...fields } = client;
    return { client_id: `client-${index}`, ...fields, client_metadata: { [SYNC_KEY_METADATA]: key }, client_secret: "s" };
  });
  return {
    applied,
    snapshot: {
      actions,
      postLoginBindings: state.postLoginBindings.map((name) => ({
        action_id: actions.find((action) => action.name === name)?.id ?? "",
        action_name: name,
        display_name: name,
      })),
      clients,
      resourceServers: state.resourceServers.map((server, index) => ({ id: `api-${index}`, ...server })),
      clientGrants: state.clientGrants.map((grant, index) => ({
        id: `cgr-${index}`,
        client_id: clients[state.clients.findIndex((client) => client.key === grant.clientKey)]?.client_id ?? "",
        audience: grant.audience,
        scope: grant.scope,
      })),
    },
  };
}

describe("computePlan", () => {
  it("creates everything on an empty tenant and binds the Actions in the desired order", () => {
    const plan = computePlan({ desired: desired(), code, snapshot: emptyTenant, applied: emptyAppliedSecrets(TENANT) });
    expect(plan.actions.map((action) => [action.name, action.kind])).toEqual([
      [TERMS_OF_USE_ACTION, "create"],
      [SECOND, "create"],
    ]);
    expect(plan.bindings).toEqual({
      kind: "update",
      current: [],
      next: [
        { action_name: TERMS_OF_USE_ACTION, display_name: TERMS_OF_USE_ACTION, managed: true },
        { action_name: SECOND, display_name: SECOND, managed: true },
      ],
    });
    expect(plan.clients.map((client) => client.kind)).toEqual(["create", "create"]);
    expect(plan.resourceServers.map((server) => server.kind)).toEqual(["create"]);
    expect(plan.clientGrants.map((grant) => grant.kind)).toEqual(["create"]);
    expect(plan.clients[0]?.input.client_metadata).toEqual({ [SYNC_KEY_METADATA]: "product-xyz-app" });
    expect(planHasChanges(plan)).toBe(true);
  });

  it("finds nothing to do on a tenant that matches", () => {
    const state = desired();
    const plan = computePlan({ desired: state, code, ...syncedTenant(state) });
    expect(planHasChanges(plan)).toBe(false);
    expect(plan.actions.every((action) => action.kind === "unchanged" && action.reasons.length === 0)).toBe(true);
  });

  it("updates only the Action whose code changed, and keeps the binding order", () => {
    const state = desired();
    const changed = new Map(code).set(SECOND, "exports.onExecutePostLogin = async () => 'data v2';");
    const plan = computePlan({ desired: state, code: changed, ...syncedTenant(state) });
    expect(plan.actions.map((action) => [action.name, action.kind, action.reasons])).toEqual([
      [TERMS_OF_USE_ACTION, "unchanged", []],
      [SECOND, "update", ["code changed"]],
    ]);
    expect(plan.actions[1]?.existing?.id).toBe("act-1");
    expect(plan.bindings.kind).toBe("unchanged");
    expect(plan.bindings.next.map((binding) => binding.action_name)).toEqual([TERMS_OF_USE_ACTION, SECOND]);
  });

  it("names a secret whose value changed since the last sync, without its value", () => {
    const synced = syncedTenant(desired());
    const plan = computePlan({ desired: desired({ termsVersion: 3 }), code, ...synced });
    const terms = plan.actions[0];
    expect(terms?.kind).toBe("update");
    expect(terms?.reasons).toEqual(["secret TERMS_VERSION changed"]);
    expect(terms?.input.secrets.find((secret) => secret.name === "TERMS_VERSION")?.value).toBe("3");
  });

  it("re-applies secrets it cannot compare: no record, another Action id, or edited on the tenant since", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    const withoutRecord = computePlan({ desired: state, code, snapshot, applied: emptyAppliedSecrets(TENANT) });
    expect(withoutRecord.actions[0]?.kind).toBe("update");
    expect(withoutRecord.actions[0]?.reasons).toEqual([
      "secrets REDIRECT_TOKEN_SECRET, TERMS_VERSION, APP_BASE_URL, CLAIM_NAMESPACE cannot be compared " +
        "(no record that this checkout applied the current values): applied again",
    ]);

    const recreated = structuredClone(snapshot);
    recreated.actions[0]!.id = "act-recreated";
    expect(computePlan({ desired: state, code, snapshot: recreated, applied }).actions[0]?.kind).toBe("update");

    const edited = structuredClone(snapshot);
    edited.actions[0]!.secrets[1]!.updated_at = "2026-02-02T00:00:00.000Z";
    expect(computePlan({ desired: state, code, snapshot: edited, applied }).actions[0]?.reasons).toEqual([
      expect.stringMatching(/^secret TERMS_VERSION cannot be compared/),
    ]);
  });

  it("names secrets added and removed", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    const fewer = structuredClone(snapshot);
    fewer.actions[1]!.secrets = [{ name: "OLD_SECRET", updated_at: "2026-01-01T00:00:00.000Z" }];
    expect(computePlan({ desired: state, code, snapshot: fewer, applied }).actions[1]?.reasons).toEqual([
      "secret API_URL added",
      "secret OLD_SECRET removed",
    ]);
  });

  it("deploys a draft that matches but was never deployed", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    snapshot.actions[0]!.all_changes_deployed = false;
    const plan = computePlan({ desired: state, code, snapshot, applied });
    expect(plan.actions[0]).toMatchObject({ kind: "deploy", reasons: ["the draft on the tenant is not deployed"] });
  });

  it("updates the app client when the app moves, showing old and new callbacks", () => {
    const synced = syncedTenant(desired());
    const plan = computePlan({ desired: desired({ appBaseUrl: "https://xyz.ngrok.app" }), code, ...synced });
    const app = plan.clients[0];
    expect(app?.kind).toBe("update");
    expect(app?.changes).toEqual([
      { field: "callbacks", from: "[http://127.0.0.1:3000/auth/callback]", to: "[https://xyz.ngrok.app/auth/callback]" },
      { field: "allowed_logout_urls", from: "[http://127.0.0.1:3000]", to: "[https://xyz.ngrok.app]" },
      { field: "web_origins", from: "[http://127.0.0.1:3000]", to: "[https://xyz.ngrok.app]" },
    ]);
    expect(plan.clients[1]?.kind).toBe("unchanged");
    expect(plan.actions[0]?.reasons).toEqual(["secret APP_BASE_URL changed"]);
  });

  it("ignores the order of URLs and grant types", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    snapshot.clients[0]!.grant_types = ["refresh_token", "authorization_code"];
    expect(computePlan({ desired: state, code, snapshot, applied }).clients[0]?.kind).toBe("unchanged");
  });

  it("keeps an Action bound by hand, after the managed ones", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    snapshot.postLoginBindings.unshift({ action_id: "hand", action_name: "hand-made", display_name: "Hand made" });
    const plan = computePlan({ desired: state, code, snapshot, applied });
    expect(plan.bindings.kind).toBe("update");
    expect(plan.bindings.next.map((binding) => [binding.action_name, binding.managed, binding.action_id])).toEqual([
      [TERMS_OF_USE_ACTION, true, "act-0"],
      [SECOND, true, "act-1"],
      ["hand-made", false, "hand"],
    ]);
  });

  it("adopts a client made by hand under the same name, and refuses to guess between two", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    snapshot.clients[0]!.client_metadata = { team: "web" };
    const adopted = computePlan({ desired: state, code, snapshot, applied }).clients[0];
    expect(adopted?.kind).toBe("update");
    expect(adopted?.changes).toEqual([{ field: `client_metadata.${SYNC_KEY_METADATA}`, from: "(none)", to: "product-xyz-app" }]);
    expect(adopted?.input.client_metadata).toEqual({ team: "web", [SYNC_KEY_METADATA]: "product-xyz-app" });

    snapshot.clients.push({ ...snapshot.clients[0]!, client_id: "twin" });
    expect(() => computePlan({ desired: state, code, snapshot, applied })).toThrow(
      expect.objectContaining({ code: "ERR_SYNC_AMBIGUOUS" }),
    );
  });

  it("creates the grant of a client that is itself to be created", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    snapshot.clients.splice(1, 1);
    const plan = computePlan({ desired: state, code, snapshot, applied });
    expect(plan.clients[1]?.kind).toBe("create");
    expect(plan.clientGrants[0]?.kind).toBe("create");
  });

  it("refuses an inconsistent desired state", () => {
    const state = { ...desired(), postLoginBindings: ["nope"] };
    expect(() => computePlan({ desired: state, code, snapshot: emptyTenant, applied: emptyAppliedSecrets(TENANT) })).toThrow(
      /binding to unknown Action nope/,
    );
  });
});
