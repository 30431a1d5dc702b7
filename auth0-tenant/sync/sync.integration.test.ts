import { PRODUCT_API } from "../../contract/product-api";
import { randomBytes } from "node:crypto";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { jwtVerify, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, syncTargetOf, type TestTenant } from "../../tests/support/local-tenant";
import { HttpClient } from "../../tests/support/http-client";
import { describeLanding, type OidcClient, startAuthorization, submitPassword } from "../../tests/support/oidc-login";
import { actionSourceFiles, bundleAction } from "../tooling/bundle-actions";
import {
  APP_CLIENT_KEY,
  BUSINESS_DATA_ACTION,
  BUSINESS_DATA_CLIENT_KEY,
  type DesiredStateInputs,
  TERMS_OF_USE_ACTION,
  desiredState,
} from "../tenant/desired-state";
import type { DesiredAction, DesiredState } from "../tenant/desired-state-types";
import { envFileValues, readEnvFile } from "./env-file";
import { SyncError } from "./errors";
import type { SyncTarget } from "./sync-target";
import { type SyncMode, type SyncResult, syncTenant } from "./sync-tenant";

/**
 * `syncTenant` end to end: the `auth0` SDK's ManagementClient over real HTTPS (the tenant's self-signed certificate,
 * trusted for its origin only) against the real local tenant, then logins through that tenant to see that what the
 * sync deployed actually runs.
 */

const APP_BASE_URL = "http://127.0.0.1:3000";
const CLAIM_NAMESPACE = "https://product-xyz.example/";
const REDIRECT_TOKEN_SECRET = randomBytes(32).toString("hex");
/** What the CLI generates into the env file on a first run: the plan must name them and never show their values. */
const GENERATED = {
  AUTH0_SECRET: randomBytes(32).toString("hex"),
  CONSENT_COOKIE_SECRET: randomBytes(32).toString("hex"),
};

/** The scopes auth0-tenant/sync/README.md asks for, without `update:actions`. */
const SCOPES_WITHOUT_UPDATE_ACTIONS = [
  "read:actions",
  "create:actions",
  "read:clients",
  "create:clients",
  "update:clients",
  "read:client_keys",
  "read:resource_servers",
  "create:resource_servers",
  "update:resource_servers",
  "read:client_grants",
  "create:client_grants",
  "update:client_grants",
];

function desired(tenantUrl: string, overrides: Partial<DesiredStateInputs> = {}): DesiredState {
  return desiredState({
    appBaseUrl: APP_BASE_URL,
    tenantUrl,
    claimNamespace: CLAIM_NAMESPACE,
    redirectTokenSecret: REDIRECT_TOKEN_SECRET,
    termsVersion: 2,
    ...overrides,
  });
}

interface SyncRun {
  desired: DesiredState;
  mode?: SyncMode;
  /** Another management client for the same tenant. */
  target?: SyncTarget;
  generatedSecrets?: Record<string, string>;
}

interface Harness {
  tenant: TestTenant;
  /** The tenant as `npm run tenant:sync` finds it: TLS domain, certificate and credentials from its data folder. */
  target: SyncTarget;
  /** A `.env.local` in the tenant's temporary data folder (the sync writes only files with that name). */
  envFile: string;
  /** The product's desired state for this tenant. */
  desired(overrides?: Partial<DesiredStateInputs>): DesiredState;
  /** One sync (apply unless told otherwise); what it printed is returned with its result. */
  sync(options: SyncRun): Promise<{ result: SyncResult; printed: string }>;
}

/** A fresh local tenant with HTTPS, and a sync pointed at it; state and env file live in its data folder. */
async function startHarness(): Promise<Harness> {
  const tenant = await startTestTenant({ tlsPort: 0, buildDelayMs: 20 });
  try {
    const target = await syncTargetOf(tenant);
    const envFile = path.join(tenant.dataDir, ".env.local");
    return {
      tenant,
      target,
      envFile,
      desired: (overrides) => desired(target.tenantUrl, overrides),
      async sync(options) {
        let printed = "";
        const result = await syncTenant({
          target: options.target ?? target,
          desired: options.desired,
          mode: options.mode ?? "apply",
          output: { write: (text: string) => (printed += text) },
          stateDir: path.join(tenant.dataDir, "tenant-sync"),
          envFile,
          ...(options.generatedSecrets ? { generatedSecrets: options.generatedSecrets } : {}),
          // The local tenant builds in 20 ms: poll from the start instead of Auth0's 250 ms first pause.
          buildWait: { initialDelayMs: 10, maxDelayMs: 100 },
        });
        return { result, printed };
      },
    };
  } catch (error) {
    await tenant.stop();
    throw error;
  }
}

interface ActionView {
  id: string;
  name: string;
  runtime: string;
  supported_triggers: Array<{ id: string; version: string }>;
  secrets: Array<{ name: string; updated_at: string }>;
  status: string;
  all_changes_deployed: boolean;
  updated_at: string;
  deployed_version?: { id: string; number: number; code: string };
}

async function listActions(tenant: TestTenant): Promise<ActionView[]> {
  return (await tenant.management.expect<{ actions: ActionView[] }>(200, "GET", "actions/actions")).actions;
}

async function actionNamed(tenant: TestTenant, name: string): Promise<ActionView> {
  const found = (await listActions(tenant)).find((action) => action.name === name);
  if (!found) throw new Error(`no Action ${name} on the tenant`);
  return found;
}

interface BindingView {
  id: string;
  display_name: string;
  updated_at: string;
  action: { name?: string };
}

/** In execution order. */
async function postLoginBindings(tenant: TestTenant): Promise<BindingView[]> {
  return (
    await tenant.management.expect<{ bindings: BindingView[] }>(200, "GET", "actions/triggers/post-login/bindings")
  ).bindings;
}

interface ClientView {
  client_id: string;
  client_secret?: string;
  name: string;
  client_metadata?: Record<string, string>;
}

/** The clients the sync manages (the local tenant's own management client has no sync key). */
async function clientsWithSyncKey(tenant: TestTenant): Promise<ClientView[]> {
  const clients = await tenant.management.expect<ClientView[]>(200, "GET", "clients");
  return clients.filter((client) => client.client_metadata?.tenant_sync_key !== undefined);
}

async function clientWithKey(tenant: TestTenant, key: string): Promise<ClientView> {
  const found = (await clientsWithSyncKey(tenant)).find((client) => client.client_metadata?.tenant_sync_key === key);
  if (!found) throw new Error(`no client with tenant_sync_key ${key}`);
  return found;
}

/** Every resource the sync manages, as the Management API returns it, `updated_at` included. */
async function tenantResources(tenant: TestTenant): Promise<unknown[]> {
  return Promise.all(
    ["actions/actions", "actions/triggers/post-login/bindings", "clients", "resource-servers", "client-grants"].map(
      (resource) => tenant.management.expect(200, "GET", resource),
    ),
  );
}

/** The app client the sync created, with the credentials it wrote to the env file. */
async function appClientFromEnvFile(harness: Harness): Promise<OidcClient> {
  const values = envFileValues(await readEnvFile(harness.envFile));
  const clientId = values.get("AUTH0_CLIENT_ID");
  const clientSecret = values.get("AUTH0_CLIENT_SECRET");
  if (!clientId || !clientSecret) throw new Error(`the sync wrote no app credentials to ${harness.envFile}`);
  return { issuer: harness.tenant.issuer, clientId, clientSecret, redirectUri: `${APP_BASE_URL}/auth/callback` };
}

/**
 * Logs the demo user in through the tenant's pages with the app client, up to where the terms Action sends the
 * browser (the app's terms step; nothing needs to listen there), and returns that URL and its verified session token.
 */
async function loginUntilTermsStep(harness: Harness): Promise<{ url: URL; claims: JWTPayload }> {
  const client = await appClientFromEnvFile(harness);
  const http = new HttpClient();
  const started = await startAuthorization(http, client);
  if (started.landing.kind !== "page") {
    throw new Error(`expected the login page, got ${describeLanding(started.landing)}`);
  }
  const landing = await submitPassword(http, client, started.landing.response, harness.tenant.demoUser);
  if (landing.kind !== "redirect") throw new Error(`expected the terms redirect, got ${describeLanding(landing)}`);
  const sessionToken = landing.url.searchParams.get("session_token") ?? "";
  // Verified with the secret the sync gave the Action: proves the secret reached the running code.
  const { payload } = await jwtVerify(sessionToken, new TextEncoder().encode(REDIRECT_TOKEN_SECRET), {
    algorithms: ["HS256"],
  });
  return { url: landing.url, claims: payload };
}

describe("syncTenant against the local tenant over HTTPS", () => {
  describe("a dry run on an empty tenant", () => {
    let harness: Harness;
    let run: { result: SyncResult; printed: string };

    beforeAll(async () => {
      harness = await startHarness();
      run = await harness.sync({ desired: harness.desired(), mode: "dry-run", generatedSecrets: GENERATED });
    });
    afterAll(async () => harness?.tenant.stop());

    it("prints every resource to create, the binding order, the env variables by name, and how to apply", () => {
      const { tenant } = harness;
      expect(run.result).toMatchObject({ changed: true, applied: false });
      expect(run.printed).toBe(
        [
          `Reading the local tenant (https://${tenant.managementDomain}, data in ${tenant.dataDir})…`,
          "Actions",
          "  create     access-policy (then build and deploy)",
          "  create     mfa-policy (then build and deploy)",
          "  create     terms-of-use (then build and deploy)",
          "  create     profile-completion (then build and deploy)",
          "  create     groups (then build and deploy)",
          "  create     roles (then build and deploy)",
          "  create     business-data (then build and deploy)",
          "Post-login bindings (in execution order)",
          "  update     access-policy → mfa-policy → terms-of-use → profile-completion → groups → roles → business-data",
          "               now: (none)",
          "Clients",
          "  create     Product XYZ",
          "  create     Product XYZ business-data Action",
          "  create     Product XYZ groups Action",
          "APIs",
          "  create     Product XYZ API (https://api.product-xyz.example)",
          "Client grants",
          "  create     Product XYZ business-data Action → https://api.product-xyz.example: read:users",
          `  create     Product XYZ groups Action → ${tenant.issuer}api/v2/: read:users`,
          harness.envFile,
          "  set        AUTH0_SECRET (generated: 32 random bytes)",
          "  set        CONSENT_COOKIE_SECRET (generated: 32 random bytes)",
          "  set        AUTH0_CLIENT_ID (of the new client Product XYZ)",
          "  set        AUTH0_CLIENT_SECRET (of the new client Product XYZ)",
          "Dry run: nothing was changed. To apply this plan, run: npm run tenant:sync -- --apply",
          "",
        ].join("\n"),
      );
    });

    it("prints no secret value: not the Action's, the generated ones, nor the management client's", () => {
      const secrets = [REDIRECT_TOKEN_SECRET, ...Object.values(GENERATED), harness.target.clientSecret];
      for (const secret of secrets) expect(run.printed).not.toContain(secret);
    });

    it("changes nothing on the tenant and writes no file", async () => {
      expect(await listActions(harness.tenant)).toEqual([]);
      expect(await postLoginBindings(harness.tenant)).toEqual([]);
      expect(await clientsWithSyncKey(harness.tenant)).toEqual([]);
      await expect(readFile(harness.envFile, "utf8")).rejects.toThrow(/ENOENT/);
    });
  });

  describe("an apply on an empty tenant", () => {
    let harness: Harness;
    let run: { result: SyncResult; printed: string };

    beforeAll(async () => {
      harness = await startHarness();
      run = await harness.sync({ desired: harness.desired() });
    });
    afterAll(async () => harness?.tenant.stop());

    it("says what it applied and where it wrote the app's credentials", () => {
      expect(run.result).toMatchObject({ changed: true, applied: true });
      expect(run.printed).toContain(
        `Wrote AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET to ${harness.envFile}; restart the app to use them.\n`,
      );
      expect(run.printed).toMatch(/\nApplied to the local tenant \(https:\/\/localhost:\d+, data in .+\)\.\n$/);
    });

    it("creates the terms Action from actions/terms-of-use.ts with its secrets, built and deployed", async () => {
      const action = await actionNamed(harness.tenant, TERMS_OF_USE_ACTION);
      expect(action).toMatchObject({
        status: "built",
        all_changes_deployed: true,
        runtime: "node22",
        supported_triggers: [{ id: "post-login", version: "v3" }],
        deployed_version: { number: 1 },
      });
      const bundle = await bundleAction(path.join(process.cwd(), "actions", "terms-of-use.ts"));
      expect(action.deployed_version?.code).toBe(bundle);
      expect(action.secrets.map((secret) => secret.name).sort()).toEqual(
        ["APP_BASE_URL", "CLAIM_NAMESPACE", "PROFILE_FIELDS", "REDIRECT_TOKEN_SECRET", "TERMS_VERSION"],
      );
    });

    it("binds the post-login Actions in the desired order", async () => {
      expect((await postLoginBindings(harness.tenant)).map((binding) => binding.action.name)).toEqual(
        harness.desired().postLoginBindings,
      );
    });

    it("creates the app client with its URLs from appBaseUrl, and writes its credentials to the env file", async () => {
      const app = await clientWithKey(harness.tenant, APP_CLIENT_KEY);
      expect(app).toMatchObject({
        name: "Product XYZ",
        app_type: "regular_web",
        callbacks: [`${APP_BASE_URL}/auth/callback`],
        allowed_logout_urls: [APP_BASE_URL],
        web_origins: [APP_BASE_URL],
        grant_types: ["authorization_code", "refresh_token"],
      });
      const written = envFileValues(await readEnvFile(harness.envFile));
      expect(written.get("AUTH0_CLIENT_ID")).toBe(app.client_id);
      expect(written.get("AUTH0_CLIENT_SECRET")).toBe(app.client_secret);
    });

    it("creates the product API, the business-data machine client, and its grant on the API", async () => {
      const servers = await harness.tenant.management.expect<
        Array<{ identifier: string; name: string; scopes: Array<{ value: string }>; signing_alg?: string }>
      >(200, "GET", "resource-servers");
      expect(servers.find((server) => server.identifier === PRODUCT_API.identifier)).toMatchObject({
        name: "Product XYZ API",
        scopes: [{ value: "read:users" }],
        signing_alg: "RS256",
      });
      const machine = await clientWithKey(harness.tenant, BUSINESS_DATA_CLIENT_KEY);
      expect(machine).toMatchObject({ app_type: "non_interactive", grant_types: ["client_credentials"] });
      const grants = await harness.tenant.management.expect<Array<{ audience: string; scope: string[] }>>(
        200,
        "GET",
        `client-grants?client_id=${encodeURIComponent(machine.client_id)}`,
      );
      expect(grants).toEqual([expect.objectContaining({ audience: PRODUCT_API.identifier, scope: ["read:users"] })]);
    });

    it("lets the demo user log in with the created app client, up to the terms step of the Action", async () => {
      const { url, claims } = await loginUntilTermsStep(harness);
      expect(`${url.origin}${url.pathname}`).toBe(`${APP_BASE_URL}/terms/start`);
      expect([...url.searchParams.keys()].sort()).toEqual(["session_token", "state"]);
      expect(url.searchParams.get("state")).not.toBe("");
      // Auth0 issues the session token under the bare host name the login came to.
      expect(claims).toMatchObject({ iss: new URL(harness.tenant.issuer).host, step: "terms", terms_version: 2 });
    });
  });

  describe("a second apply with the same desired state", () => {
    let harness: Harness;

    beforeAll(async () => {
      harness = await startHarness();
      await harness.sync({ desired: harness.desired() });
    });
    afterAll(async () => harness?.tenant.stop());

    it("prints the plan as unchanged and “No changes.”, and changes neither the tenant nor the env file", async () => {
      const before = await tenantResources(harness.tenant);
      const envText = await readFile(harness.envFile, "utf8");

      const { result, printed } = await harness.sync({ desired: harness.desired() });

      expect(result).toMatchObject({ changed: false, applied: false });
      expect(result.plan.actions.every((action) => action.kind === "unchanged")).toBe(true);
      expect(printed).toContain("  unchanged  terms-of-use\n");
      expect(printed).toMatch(/\nNo changes\.\n$/);
      expect(await tenantResources(harness.tenant)).toEqual(before);
      expect(await readFile(harness.envFile, "utf8")).toBe(envText);
    });
  });

  describe("an edit to one Action's source", () => {
    const AUDIT_ACTION = "login-audit";
    let harness: Harness;
    let actionsDirectory: string;

    /** The product's desired state with a second post-login Action, bound after the terms one. */
    const withAuditAction = (): DesiredState => {
      const base = harness.desired({ actionsDirectory });
      const audit: DesiredAction = {
        name: AUDIT_ACTION,
        sourceFile: path.join(actionsDirectory, `${AUDIT_ACTION}.ts`),
        runtime: "node22",
        trigger: { id: "post-login", version: "v3" },
        secrets: [],
        dependencies: [],
      };
      return {
        ...base,
        actions: [...base.actions, audit],
        postLoginBindings: [...base.postLoginBindings, AUDIT_ACTION],
      };
    };
    const writeAuditAction = (revision: string) =>
      writeFile(
        path.join(actionsDirectory, `${AUDIT_ACTION}.ts`),
        [
          "// A second Action for the sync test; the revision tells its deployed versions apart.",
          "export async function onExecutePostLogin(",
          "  _event: unknown,",
          "  api: { idToken: { setCustomClaim(name: string, value: unknown): void } },",
          "): Promise<void> {",
          `  api.idToken.setCustomClaim("${CLAIM_NAMESPACE}audit_revision", "${revision}");`,
          "}",
          "",
        ].join("\n"),
      );

    beforeAll(async () => {
      harness = await startHarness();
      actionsDirectory = path.join(harness.tenant.dataDir, "actions");
      await mkdir(actionsDirectory);
      for (const file of actionSourceFiles()) await cp(file, path.join(actionsDirectory, path.basename(file)));
      await cp(path.join(process.cwd(), "actions", "lib"), path.join(actionsDirectory, "lib"), { recursive: true });
      // The Actions import the contract from beside their folder, as in the repository.
      await cp(path.join(process.cwd(), "contract"), path.join(actionsDirectory, "..", "contract"), { recursive: true });
      await writeAuditAction("r1");
      await harness.sync({ desired: withAuditAction() });
    });
    afterAll(async () => harness?.tenant.stop());

    it("updates and redeploys that Action only, and leaves the binding order as it was", async () => {
      const termsBefore = await actionNamed(harness.tenant, TERMS_OF_USE_ACTION);
      const auditBefore = await actionNamed(harness.tenant, AUDIT_ACTION);
      const bindingsBefore = await postLoginBindings(harness.tenant);
      expect(bindingsBefore.map((binding) => binding.action.name)).toEqual([...harness.desired().postLoginBindings, AUDIT_ACTION]);
      expect(auditBefore.deployed_version?.code).toContain('"r1"');

      await writeAuditAction("r2");
      const { result, printed } = await harness.sync({ desired: withAuditAction() });

      expect(result.plan.actions.map(({ name, kind, reasons }) => ({ name, kind, reasons }))).toEqual([
        ...harness.desired().actions.map(({ name }) => ({ name, kind: "unchanged", reasons: [] })),
        { name: AUDIT_ACTION, kind: "update", reasons: ["code changed"] },
      ]);
      expect(result.plan.bindings.kind).toBe("unchanged");
      expect(printed).toContain(
        [
          `  unchanged  ${BUSINESS_DATA_ACTION}`,
          `  update     ${AUDIT_ACTION} (then build and deploy)`,
          "               code changed",
          "",
        ].join("\n"),
      );

      const auditAfter = await actionNamed(harness.tenant, AUDIT_ACTION);
      expect(auditAfter).toMatchObject({ status: "built", all_changes_deployed: true });
      expect(auditAfter.deployed_version?.number).toBe((auditBefore.deployed_version?.number ?? 0) + 1);
      expect(auditAfter.deployed_version?.code).toContain('"r2"');
      expect(await actionNamed(harness.tenant, TERMS_OF_USE_ACTION)).toEqual(termsBefore);
      const bindingsAfter = await postLoginBindings(harness.tenant);
      expect(bindingsAfter.map(({ id, display_name, updated_at }) => ({ id, display_name, updated_at }))).toEqual(
        bindingsBefore.map(({ id, display_name, updated_at }) => ({ id, display_name, updated_at })),
      );
    });
  });

  describe("a changed Action secret", () => {
    let harness: Harness;

    beforeAll(async () => {
      harness = await startHarness();
      await harness.sync({ desired: harness.desired({ termsVersion: 2 }) });
    });
    afterAll(async () => harness?.tenant.stop());

    it("is applied and redeployed, and the next login runs with the new value", async () => {
      expect((await loginUntilTermsStep(harness)).claims.terms_version).toBe(2);

      const { result, printed } = await harness.sync({ desired: harness.desired({ termsVersion: 3 }) });

      expect(result.plan.actions.filter(({ kind }) => kind !== "unchanged").map(({ name, kind, reasons }) => ({ name, kind, reasons }))).toEqual([
        { name: TERMS_OF_USE_ACTION, kind: "update", reasons: ["secret TERMS_VERSION changed"] },
      ]);
      expect(printed).toContain(
        `  update     ${TERMS_OF_USE_ACTION} (then build and deploy)\n               secret TERMS_VERSION changed\n`,
      );
      expect(printed).not.toContain(REDIRECT_TOKEN_SECRET);
      expect(await actionNamed(harness.tenant, TERMS_OF_USE_ACTION)).toMatchObject({
        all_changes_deployed: true,
        deployed_version: { number: 2 },
      });
      expect((await loginUntilTermsStep(harness)).claims).toMatchObject({ step: "terms", terms_version: 3 });
    });
  });

  describe("management credentials without update:actions", () => {
    let harness: Harness;
    let restricted: SyncTarget;

    beforeAll(async () => {
      harness = await startHarness();
      const client = await harness.tenant.management.expect<{ client_id: string; client_secret: string }>(
        201,
        "POST",
        "clients",
        { name: "Sync without update:actions", app_type: "non_interactive", grant_types: ["client_credentials"] },
      );
      // The audience the auth0 SDK asks a token for: the Management API under the TLS domain, not the issuer.
      await harness.tenant.management.expect(201, "POST", "client-grants", {
        client_id: client.client_id,
        audience: `https://${harness.target.domain}/api/v2/`,
        scope: SCOPES_WITHOUT_UPDATE_ACTIONS,
      });
      restricted = { ...harness.target, clientId: client.client_id, clientSecret: client.client_secret };
    });
    afterAll(async () => harness?.tenant.stop());

    it("stops the sync with a message naming the missing scope", async () => {
      const failure: unknown = await harness.sync({ desired: harness.desired(), target: restricted }).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (!(failure instanceof SyncError)) throw new Error(`expected a SyncError, got ${String(failure)}`);
      expect(failure.code).toBe("ERR_SYNC_FORBIDDEN");
      expect(failure.message).toContain("(403: Insufficient scope, expected any of: update:actions)");
      expect(failure.message).toContain("The management client lacks the scope update:actions");
    });
  });
});
