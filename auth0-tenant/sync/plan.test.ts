import { describe, expect, it } from "vitest";
import {
  BUSINESS_DATA_ACTION,
  BUSINESS_DATA_CLIENT_KEY,
  GROUPS_ACTION,
  GROUPS_CLIENT_KEY,
  TERMS_OF_USE_ACTION,
  desiredState,
} from "../tenant/desired-state";
import type { DesiredState } from "../tenant/desired-state-types";
import { type AppliedSecrets, emptyAppliedSecrets, withAppliedAction } from "./applied-secrets";
import { resolveSecrets } from "./client-secrets";
import { SYNC_KEY_METADATA } from "./diff-clients";
import { computePlan, planHasChanges } from "./plan";
import type { Plan } from "./plan-types";
import type { ExistingClient, TenantSnapshot } from "./tenant-api";

const TENANT = "tenant.example.auth0.com";

function desired(overrides: Partial<Parameters<typeof desiredState>[0]> = {}): DesiredState {
  return desiredState({
    appBaseUrl: "http://127.0.0.1:3000",
    tenantUrl: `https://${TENANT}`,
    claimNamespace: "https://product-xyz.example/",
    redirectTokenSecret: "a".repeat(64),
    termsVersion: 2,
    ...overrides,
  });
}

const ACTION_NAMES = desired().actions.map((action) => action.name);
const code = new Map(ACTION_NAMES.map((name) => [name, `exports.onExecutePostLogin = async () => '${name}';`]));

const emptyTenant: TenantSnapshot = { actions: [], postLoginBindings: [], clients: [], resourceServers: [], clientGrants: [] };

const actionPlan = (plan: Plan, name: string) => plan.actions.find((action) => action.name === name);

/** A tenant exactly as a previous sync of `state` left it, with the record that sync wrote. */
function syncedTenant(state: DesiredState): { snapshot: TenantSnapshot; applied: AppliedSecrets } {
  const clients: Array<ExistingClient & { client_secret: string }> = state.clients.map((client, index) => {
    const { key, ...fields } = client;
    return { client_id: `client-${index}`, ...fields, client_metadata: { [SYNC_KEY_METADATA]: key }, client_secret: `s-${index}` };
  });
  const clientsByKey = new Map(clients.map((client) => [client.client_metadata[SYNC_KEY_METADATA] ?? "", client]));
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
    (record, action, index) =>
      withAppliedAction(record, actions[index] ?? actions[0]!, resolveSecrets(action.name, action.secrets, clientsByKey)),
    emptyAppliedSecrets(TENANT),
  );
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
        client_id: clientsByKey.get(grant.clientKey)?.client_id ?? "",
        audience: grant.audience,
        scope: grant.scope,
      })),
    },
  };
}

describe("computePlan", () => {
  it("creates everything on an empty tenant and binds the Actions in the desired order", () => {
    const state = desired();
    const plan = computePlan({ desired: state, code, snapshot: emptyTenant, applied: emptyAppliedSecrets(TENANT) });
    expect(plan.actions.map((action) => [action.name, action.kind])).toEqual(ACTION_NAMES.map((name) => [name, "create"]));
    expect(plan.bindings).toEqual({
      kind: "update",
      current: [],
      next: state.postLoginBindings.map((name) => ({ action_name: name, display_name: name, managed: true })),
    });
    expect(plan.clients.map((client) => client.kind)).toEqual(["create", "create", "create"]);
    expect(plan.resourceServers.map((server) => server.kind)).toEqual(["create"]);
    expect(plan.clientGrants.map((grant) => grant.kind)).toEqual(["create", "create"]);
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
    const changed = new Map(code).set(BUSINESS_DATA_ACTION, "exports.onExecutePostLogin = async () => 'data v2';");
    const plan = computePlan({ desired: state, code: changed, ...syncedTenant(state) });
    expect(plan.actions.map((action) => [action.name, action.kind, action.reasons])).toEqual(
      ACTION_NAMES.map((name) => (name === BUSINESS_DATA_ACTION ? [name, "update", ["code changed"]] : [name, "unchanged", []])),
    );
    expect(actionPlan(plan, BUSINESS_DATA_ACTION)?.existing?.id).toBe(`act-${ACTION_NAMES.indexOf(BUSINESS_DATA_ACTION)}`);
    expect(plan.bindings.kind).toBe("unchanged");
    expect(plan.bindings.next.map((binding) => binding.action_name)).toEqual(state.postLoginBindings);
  });

  it("names a secret whose value changed since the last sync, without its value", () => {
    const synced = syncedTenant(desired());
    const plan = computePlan({ desired: desired({ termsVersion: 3 }), code, ...synced });
    const terms = actionPlan(plan, TERMS_OF_USE_ACTION);
    expect(terms?.kind).toBe("update");
    expect(terms?.reasons).toEqual(["secret TERMS_VERSION changed"]);
    expect(terms?.secrets.find((secret) => secret.name === "TERMS_VERSION")).toEqual({ name: "TERMS_VERSION", value: "3" });
  });

  it("re-applies secrets it cannot compare: no record, another Action id, or edited on the tenant since", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    const withoutRecord = computePlan({ desired: state, code, snapshot, applied: emptyAppliedSecrets(TENANT) });
    expect(actionPlan(withoutRecord, TERMS_OF_USE_ACTION)?.kind).toBe("update");
    expect(actionPlan(withoutRecord, TERMS_OF_USE_ACTION)?.reasons).toEqual([
      "secrets REDIRECT_TOKEN_SECRET, TERMS_VERSION, APP_BASE_URL, CLAIM_NAMESPACE, PROFILE_FIELDS cannot be compared " +
        "(no record that this checkout applied the current values): applied again",
    ]);
    const terms = ACTION_NAMES.indexOf(TERMS_OF_USE_ACTION);

    const recreated = structuredClone(snapshot);
    recreated.actions[terms]!.id = "act-recreated";
    expect(actionPlan(computePlan({ desired: state, code, snapshot: recreated, applied }), TERMS_OF_USE_ACTION)?.kind).toBe("update");

    const edited = structuredClone(snapshot);
    edited.actions[terms]!.secrets[1]!.updated_at = "2026-02-02T00:00:00.000Z";
    expect(actionPlan(computePlan({ desired: state, code, snapshot: edited, applied }), TERMS_OF_USE_ACTION)?.reasons).toEqual([
      expect.stringMatching(/^secret TERMS_VERSION cannot be compared/),
    ]);
  });

  it("names secrets added and removed", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    const fewer = structuredClone(snapshot);
    fewer.actions[ACTION_NAMES.indexOf(GROUPS_ACTION)]!.secrets = [
      { name: "OLD_SECRET", updated_at: "2026-01-01T00:00:00.000Z" },
      ...fewer.actions[ACTION_NAMES.indexOf(GROUPS_ACTION)]!.secrets.filter((secret) => secret.name !== "GROUPS_REQUIRED"),
    ];
    expect(actionPlan(computePlan({ desired: state, code, snapshot: fewer, applied }), GROUPS_ACTION)?.reasons).toEqual([
      "secret GROUPS_REQUIRED added",
      "secret OLD_SECRET removed",
    ]);
  });

  it("deploys a draft that matches but was never deployed", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    snapshot.actions[ACTION_NAMES.indexOf(TERMS_OF_USE_ACTION)]!.all_changes_deployed = false;
    const plan = computePlan({ desired: state, code, snapshot, applied });
    expect(actionPlan(plan, TERMS_OF_USE_ACTION)).toMatchObject({ kind: "deploy", reasons: ["the draft on the tenant is not deployed"] });
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
    expect(plan.clients.slice(1).map((client) => client.kind)).toEqual(["unchanged", "unchanged"]);
    expect(actionPlan(plan, TERMS_OF_USE_ACTION)?.reasons).toEqual(["secret APP_BASE_URL changed"]);
    expect(actionPlan(plan, BUSINESS_DATA_ACTION)?.reasons).toEqual(["secret APP_BASE_URL changed"]);
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
      ...state.postLoginBindings.map((name) => [name, true, `act-${ACTION_NAMES.indexOf(name)}`]),
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
    expect(plan.clientGrants.map((grant) => [grant.clientKey, grant.kind])).toEqual([
      [BUSINESS_DATA_CLIENT_KEY, "create"],
      [GROUPS_CLIENT_KEY, "unchanged"],
    ]);
  });

  it("refuses an inconsistent desired state", () => {
    const state = { ...desired(), postLoginBindings: ["nope"] };
    expect(() => computePlan({ desired: state, code, snapshot: emptyTenant, applied: emptyAppliedSecrets(TENANT) })).toThrow(
      /binding to unknown Action nope/,
    );
  });
});

describe("computePlan: Action secrets taken from a managed client", () => {
  it("knows the values of an existing client, so an unchanged credential is unchanged", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    const plan = computePlan({ desired: state, code, snapshot, applied });
    const groupsClient = snapshot.clients.find((client) => client.client_metadata[SYNC_KEY_METADATA] === GROUPS_CLIENT_KEY);
    expect(actionPlan(plan, GROUPS_ACTION)?.kind).toBe("unchanged");
    expect(actionPlan(plan, GROUPS_ACTION)?.secrets.filter((secret) => secret.name.startsWith("CLIENT_"))).toEqual([
      { name: "CLIENT_ID", value: groupsClient?.client_id },
      { name: "CLIENT_SECRET", value: groupsClient?.client_secret },
    ]);
  });

  it("sees a credential that changed on the tenant (a rotated client secret)", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    const groupsClient = snapshot.clients.find((client) => client.client_metadata[SYNC_KEY_METADATA] === GROUPS_CLIENT_KEY)!;
    groupsClient.client_secret = "rotated";
    const plan = computePlan({ desired: state, code, snapshot, applied });
    expect(actionPlan(plan, GROUPS_ACTION)).toMatchObject({ kind: "update", reasons: ["secret CLIENT_SECRET changed"] });
    expect(JSON.stringify(actionPlan(plan, GROUPS_ACTION)?.reasons)).not.toContain("rotated");
  });

  it("leaves the credentials of a client still to be created as references, and says the secret will change", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    snapshot.clients = snapshot.clients.filter((client) => client.client_metadata[SYNC_KEY_METADATA] !== GROUPS_CLIENT_KEY);
    const plan = computePlan({ desired: state, code, snapshot, applied });
    const groups = actionPlan(plan, GROUPS_ACTION);
    expect(groups?.kind).toBe("update");
    expect(groups?.reasons).toEqual([
      `secret CLIENT_ID changed (from the client ${GROUPS_CLIENT_KEY}, created by this sync)`,
      `secret CLIENT_SECRET changed (from the client ${GROUPS_CLIENT_KEY}, created by this sync)`,
    ]);
    expect(groups?.secrets.find((secret) => secret.name === "CLIENT_ID")).toEqual({
      name: "CLIENT_ID",
      fromClient: { key: GROUPS_CLIENT_KEY, field: "client_id" },
    });
  });

  it("stops when the credentials cannot read the client secret the Action needs", () => {
    const state = desired();
    const { snapshot, applied } = syncedTenant(state);
    for (const client of snapshot.clients) delete (client as ExistingClient).client_secret;
    expect(() => computePlan({ desired: state, code, snapshot, applied })).toThrow(
      expect.objectContaining({ code: "ERR_SYNC_CLIENT_SECRET_UNREADABLE", message: expect.stringContaining("read:client_keys") }),
    );
  });

  it("refuses a secret from a client the desired state does not declare", () => {
    const state = desired();
    const broken = {
      ...state,
      actions: state.actions.map((action) =>
        action.name === GROUPS_ACTION
          ? { ...action, secrets: [{ name: "CLIENT_ID", fromClient: { key: "nope", field: "client_id" as const } }] }
          : action,
      ),
    };
    expect(() => computePlan({ desired: broken, code, snapshot: emptyTenant, applied: emptyAppliedSecrets(TENANT) })).toThrow(
      /secret CLIENT_ID of Action groups from an unknown client/,
    );
  });
});
