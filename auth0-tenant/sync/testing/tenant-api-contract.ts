import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionInput, ClientInput, TenantApi } from "../tenant-api";
import { DEFAULT_BUILD_WAIT, waitUntilBuilt } from "../wait-until-built";

/** A tenant to run the contract against, and how to let it go. */
export interface ContractTenant {
  api: TenantApi;
  close(): Promise<void>;
}

/**
 * What the sync relies on from any `TenantApi`: run against the in-memory fake (unit tier) and against the real
 * Management API client on the local tenant (integration tier), so the fake cannot drift from what a tenant does.
 */
export function describeTenantApiContract(label: string, open: () => Promise<ContractTenant>): void {
  describe(`TenantApi contract: ${label}`, () => {
    let tenant: ContractTenant;
    const unique = () => randomUUID().slice(0, 8);
    const buildWait = { ...DEFAULT_BUILD_WAIT, initialDelayMs: 10, timeoutMs: 10_000 };

    const actionInput = (name: string, code = "exports.onExecutePostLogin = async () => {};"): ActionInput => ({
      name,
      code,
      runtime: "node22",
      dependencies: [],
      supported_triggers: [{ id: "post-login", version: "v3" }],
      secrets: [{ name: "SHARED_KEY", value: `value-${name}` }],
    });
    const clientInput = (name: string, callbacks: string[]): ClientInput => ({
      name,
      app_type: "regular_web",
      callbacks,
      allowed_logout_urls: ["https://app.example.com/"],
      web_origins: [],
      grant_types: ["authorization_code", "refresh_token"],
      token_endpoint_auth_method: "client_secret_post",
      client_metadata: { managed_by: "contract" },
    });
    const deployed = async (name: string) => {
      const created = await tenant.api.createAction(actionInput(name));
      await waitUntilBuilt(tenant.api, created, buildWait);
      await tenant.api.deployAction(created.id);
      return created;
    };

    beforeAll(async () => {
      tenant = await open();
    });
    afterAll(async () => {
      await tenant?.close();
    });

    describe("Actions", () => {
      it("creates a draft that builds, deploys it, and lists it with secret names only", async () => {
        const name = `contract-${unique()}`;
        const created = await tenant.api.createAction(actionInput(name));
        expect(created).toMatchObject({ name, all_changes_deployed: false });
        expect(["pending", "building", "built"]).toContain(created.status);
        await waitUntilBuilt(tenant.api, created, buildWait);
        await tenant.api.deployAction(created.id);

        const listed = (await tenant.api.readSnapshot()).actions.find((action) => action.id === created.id);
        expect(listed).toMatchObject({ name, all_changes_deployed: true, runtime: "node22" });
        expect(listed?.secrets.map((secret) => secret.name)).toEqual(["SHARED_KEY"]);
        expect(JSON.stringify(listed)).not.toContain(`value-${name}`);
      });

      it("marks a deployed Action as changed once its draft is updated", async () => {
        const action = await deployed(`contract-${unique()}`);
        const code = "exports.onExecutePostLogin = async () => { };";
        const updated = await tenant.api.updateAction(action.id, actionInput(action.name, code));
        expect(updated.all_changes_deployed).toBe(false);
        expect((await tenant.api.getAction(action.id)).code).toBe(code);
      });
    });

    describe("post-login bindings", () => {
      it("refuses to bind an Action that was never deployed", async () => {
        const draft = await tenant.api.createAction(actionInput(`contract-${unique()}`));
        const binding = { action_id: draft.id, display_name: draft.name };
        await expect(tenant.api.setPostLoginBindings([binding])).rejects.toThrow();
      });

      it("replaces the whole list, in the order given", async () => {
        const first = await deployed(`contract-${unique()}`);
        const second = await deployed(`contract-${unique()}`);
        await tenant.api.setPostLoginBindings([
          { action_id: second.id, display_name: second.name },
          { action_id: first.id, display_name: first.name },
        ]);
        expect((await tenant.api.readSnapshot()).postLoginBindings).toEqual([
          { action_id: second.id, action_name: second.name, display_name: second.name },
          { action_id: first.id, action_name: first.name, display_name: first.name },
        ]);
      });
    });

    describe("clients, APIs and grants", () => {
      it("creates a client with a secret and updates the fields the sync manages", async () => {
        const name = `contract-${unique()}`;
        const created = await tenant.api.createClient(clientInput(name, ["https://app.example.com/auth/callback"]));
        expect(created.client_id).not.toBe("");
        expect(created.client_secret).toEqual(expect.any(String));
        await tenant.api.updateClient(created.client_id, clientInput(name, ["https://app.example.com/other"]));
        const listed = (await tenant.api.readSnapshot()).clients.find((client) => client.client_id === created.client_id);
        expect(listed).toMatchObject({
          name,
          app_type: "regular_web",
          callbacks: ["https://app.example.com/other"],
          grant_types: ["authorization_code", "refresh_token"],
          client_metadata: { managed_by: "contract" },
        });
      });

      it("creates an API and a client grant on it, and updates both", async () => {
        const identifier = `https://contract-${unique()}.example/`;
        const scopes = [{ value: "read:things", description: "Read things" }];
        const server = await tenant.api.createResourceServer({
          identifier,
          name: identifier,
          scopes,
          signing_alg: "RS256",
        });
        const more = [...scopes, { value: "write:things", description: "Write things" }];
        await tenant.api.updateResourceServer(server.id, { name: identifier, scopes: more, signing_alg: "RS256" });

        const client = await tenant.api.createClient({
          ...clientInput(`contract-${unique()}`, []),
          app_type: "non_interactive",
          grant_types: ["client_credentials"],
        });
        const grant = await tenant.api.createClientGrant({
          client_id: client.client_id,
          audience: identifier,
          scope: ["read:things"],
        });
        await tenant.api.updateClientGrant(grant.id, ["read:things", "write:things"]);

        const snapshot = await tenant.api.readSnapshot();
        expect(snapshot.resourceServers.find((found) => found.id === server.id)).toMatchObject({ identifier, scopes: more });
        expect(snapshot.clientGrants.find((found) => found.id === grant.id)).toMatchObject({
          client_id: client.client_id,
          audience: identifier,
          scope: ["read:things", "write:things"],
        });
      });
    });
  });
}
