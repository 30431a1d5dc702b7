import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, syncTargetOf, type TestTenant } from "../../tests/support/local-tenant";
import { AUTH0_FREE_RATE_LIMIT } from "../local/http/rate-limit";
import { desiredState } from "../tenant/desired-state";
import type { DesiredState } from "../tenant/desired-state-types";
import { type SyncResult, syncTenant } from "./sync-tenant";

/**
 * The sync's 429 handling (wait until `x-ratelimit-reset`, try again) against the real local tenant with its
 * Management API limited as Auth0 Free's is, compared with the same apply on a tenant without a limit.
 */

const RATE_LIMIT = AUTH0_FREE_RATE_LIMIT;
const REFUSED = "refused with 429 too_many_requests: Global limit has been reached";

function desired(tenantUrl: string, redirectTokenSecret: string): DesiredState {
  return desiredState({
    appBaseUrl: "http://127.0.0.1:3000",
    tenantUrl,
    claimNamespace: "https://product-xyz.example/",
    redirectTokenSecret,
    termsVersion: 2,
  });
}

/** One apply as `npm run tenant:sync -- --apply` runs it: default call and build-wait policies. */
async function apply(tenant: TestTenant): Promise<{ result: SyncResult; desired: DesiredState; elapsedMs: number }> {
  const target = await syncTargetOf(tenant);
  const wanted = desired(target.tenantUrl, randomBytes(32).toString("hex"));
  const started = Date.now();
  const result = await syncTenant({
    target,
    desired: wanted,
    mode: "apply",
    output: { write: () => undefined },
    stateDir: path.join(tenant.dataDir, "tenant-sync"),
    envFile: path.join(tenant.dataDir, ".env.local"),
  });
  return { result, desired: wanted, elapsedMs: Date.now() - started };
}

/** A GET through the limit, the way a polite client does it: on 429, wait until `x-ratelimit-reset`. */
async function getWithinLimit<T>(tenant: TestTenant, resource: string): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await tenant.management.call<T>("GET", resource);
    if (response.status === 200) return response.body;
    if (response.status !== 429 || attempt === 10) {
      throw new Error(`GET /api/v2/${resource} answered ${response.status}: ${response.raw.text}`);
    }
    const reset = Number(response.raw.headers.get("x-ratelimit-reset"));
    await new Promise((resolve) => setTimeout(resolve, Math.max(reset * 1000 - Date.now(), 0)));
  }
}

interface ActionView {
  name: string;
  runtime: string;
  status: string;
  all_changes_deployed: boolean;
  secrets: Array<{ name: string }>;
  deployed_version?: { number: number; code: string };
}
interface ClientView {
  client_id: string;
  name: string;
  app_type: string;
  grant_types: string[];
  callbacks: string[];
  client_metadata?: Record<string, string>;
}

/**
 * What the sync manages on a tenant, without what differs from one tenant to another by nature: ids, secrets, times,
 * and the tenant's own address (in the groups Action's grant on the Management API).
 */
async function syncedState(tenant: TestTenant) {
  const get = <T>(resource: string) => getWithinLimit<T>(tenant, resource);
  const { actions } = await get<{ actions: ActionView[] }>("actions/actions");
  const { bindings } = await get<{ bindings: Array<{ display_name: string; action: { name: string } }> }>(
    "actions/triggers/post-login/bindings",
  );
  const clients = (await get<ClientView[]>("clients")).filter((client) => client.client_metadata?.tenant_sync_key);
  const keyOf = new Map(clients.map((client) => [client.client_id, client.client_metadata?.tenant_sync_key]));
  const servers = await get<Array<{ identifier: string; name: string; scopes: unknown; is_system?: boolean }>>("resource-servers");
  const grants = await get<Array<{ client_id: string; audience: string; scope: string[] }>>("client-grants");
  return {
    actions: actions.map((action) => ({
      name: action.name,
      runtime: action.runtime,
      status: action.status,
      all_changes_deployed: action.all_changes_deployed,
      deployed_version: action.deployed_version && { number: action.deployed_version.number, code: action.deployed_version.code },
      secrets: action.secrets.map((secret) => secret.name).sort(),
    })),
    bindings: bindings.map((binding) => ({ action: binding.action.name, display_name: binding.display_name })),
    clients: clients.map(({ name, app_type, grant_types, callbacks, client_metadata }) => ({
      name,
      app_type,
      grant_types,
      callbacks,
      client_metadata,
    })),
    // Every tenant lists its own system "Auth0 Management API", named for its own domain.
    apis: servers.filter((server) => !server.is_system).map(({ identifier, name, scopes }) => ({ identifier, name, scopes })),
    grants: grants
      .filter((grant) => keyOf.has(grant.client_id))
      .map((grant) => ({
        client: keyOf.get(grant.client_id),
        audience: grant.audience.replace(tenant.issuer, "ISSUER/"),
        scope: grant.scope,
      })),
  };
}

describe("syncTenant against a local tenant whose Management API is rate limited", () => {
  let limited: TestTenant;
  let unlimited: TestTenant;
  let run: Awaited<ReturnType<typeof apply>>;
  let refusals: number;

  beforeAll(async () => {
    unlimited = await startTestTenant({ tlsPort: 0 });
    limited = await startTestTenant({ tlsPort: 0, managementRateLimit: RATE_LIMIT });
    await apply(unlimited);
    run = await apply(limited);
    refusals = limited.logs.filter((line) => line.endsWith(REFUSED)).length;
  });
  afterAll(async () => {
    await Promise.all([limited?.stop(), unlimited?.stop()]);
  });

  it("completes an apply on an empty tenant, waiting out the 429s it meets", () => {
    expect(run.result).toMatchObject({ changed: true, applied: true });
    expect(refusals).toBeGreaterThan(0);
    console.info(`apply under ${RATE_LIMIT.rps} rps burst ${RATE_LIMIT.burst}: ${run.elapsedMs} ms, ${refusals} answers 429`);
  });

  it("leaves the tenant as the same apply without a limit does: Actions deployed, bindings in order", async () => {
    const state = await syncedState(limited);
    expect(state.bindings.map((binding) => binding.action)).toEqual(run.desired.postLoginBindings);
    expect(state.actions.map((action) => action.name).sort()).toEqual(run.desired.actions.map((action) => action.name).sort());
    for (const action of state.actions) {
      expect(action).toMatchObject({ status: "built", all_changes_deployed: true, deployed_version: { number: 1 } });
    }
    expect(state).toEqual(await syncedState(unlimited));
  });
});
