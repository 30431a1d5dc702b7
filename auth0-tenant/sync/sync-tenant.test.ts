import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { BUSINESS_DATA_ACTION, GROUPS_ACTION, TERMS_OF_USE_ACTION, desiredState } from "../tenant/desired-state";
import { appliedSecretsFile } from "./applied-secrets";
import { envFileValues } from "./env-file";
import { InMemoryTenant } from "./in-memory-tenant";
import { type SyncOptions, syncWithApi } from "./sync-tenant";
import type { SyncTarget } from "./sync-target";

const REDIRECT_SECRET = "feedface".repeat(8);
const GENERATED = { AUTH0_SECRET: "a1".repeat(32), CONSENT_COOKIE_SECRET: "c2".repeat(32) };
const target: SyncTarget = {
  kind: "local",
  domain: "localhost:4443",
  tenantUrl: "http://localhost:4000",
  label: "the test tenant",
  clientId: "mgmt",
  clientSecret: "mgmt-secret",
  credentialsHint: "",
  unreachableHint: "",
};

function desired(termsVersion = 2) {
  return desiredState({
    appBaseUrl: "http://127.0.0.1:3000",
    tenantUrl: target.tenantUrl,
    claimNamespace: "https://product-xyz.example/",
    redirectTokenSecret: REDIRECT_SECRET,
    termsVersion,
  });
}

describe("syncWithApi", () => {
  let dir: string;
  let tenant: InMemoryTenant;
  /** The bundle of every Action, but those given here by name. */
  let code: string;
  let edited: Record<string, string>;
  let printed: string;
  let sleeps: number[];

  const run = (overrides: Partial<SyncOptions> = {}) => {
    printed = "";
    return syncWithApi(tenant, {
      target,
      desired: desired(),
      mode: "apply",
      output: { write: (text: string) => (printed += text) },
      stateDir: path.join(dir, ".data", "tenant-sync"),
      envFile: path.join(dir, ".env.local"),
      bundle: async (file) => edited[path.basename(file, ".ts")] ?? code,
      buildWait: { sleep: async (ms) => void sleeps.push(ms) },
      ...overrides,
    });
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sync-"));
    tenant = new InMemoryTenant(3);
    code = "exports.onExecutePostLogin = async () => {};";
    edited = {};
    sleeps = [];
  });

  it("only prints in a dry run, and says how to apply", async () => {
    const result = await run({ mode: "dry-run", generatedSecrets: GENERATED });
    expect(result).toMatchObject({ changed: true, applied: false });
    expect(printed).toContain("  create     terms-of-use (then build and deploy)");
    expect(printed).toContain("  set        AUTH0_SECRET (generated: 32 random bytes)");
    expect(printed).toContain("Dry run: nothing was changed. To apply this plan, run: npm run tenant:sync -- --apply");
    expect(tenant.writes).toEqual([]);
    await expect(stat(path.join(dir, ".env.local"))).rejects.toThrow(/ENOENT/);
    await expect(stat(path.join(dir, ".data"))).rejects.toThrow(/ENOENT/);
  });

  it("creates everything in dependency order, deploys once built, then binds", async () => {
    const result = await run({ generatedSecrets: GENERATED });
    expect(result).toMatchObject({ changed: true, applied: true });
    const names = desired().actions.map((action) => action.name);
    expect(tenant.writes.slice(0, 6)).toEqual([
      "create api https://api.product-xyz.example",
      "create client Product XYZ",
      "create client Product XYZ business-data Action",
      "create client Product XYZ groups Action",
      "create grant https://api.product-xyz.example",
      "create grant http://localhost:4000/api/v2/",
    ]);
    expect(tenant.writes.slice(6, 6 + names.length)).toEqual(names.map((name) => `create action ${name}`));
    // Builds are awaited together, so deploys come in any order; binding comes last.
    expect(tenant.writes.slice(6 + names.length, -1).sort()).toEqual(names.map((name) => `deploy action ${name}`).sort());
    expect(tenant.writes.at(-1)).toBe("bind access-policy,mfa-policy,terms-of-use,profile-completion,groups,roles,business-data");
    expect(sleeps.sort((a, b) => a - b)).toEqual(names.flatMap(() => [250, 500, 1000]).sort((a, b) => a - b));
    expect(tenant.secretValue(TERMS_OF_USE_ACTION, "REDIRECT_TOKEN_SECRET")).toBe(REDIRECT_SECRET);
    expect(tenant.secretValue(TERMS_OF_USE_ACTION, "TERMS_VERSION")).toBe("2");
  });

  it("writes the app client's credentials and the generated secrets to .env.local, keeping other lines", async () => {
    await writeFile(path.join(dir, ".env.local"), "# mine\nAPP_BASE_URL=http://127.0.0.1:3000\n");
    await run({ generatedSecrets: GENERATED });
    const text = await readFile(path.join(dir, ".env.local"), "utf8");
    expect(text.startsWith("# mine\nAPP_BASE_URL=http://127.0.0.1:3000\n")).toBe(true);
    const app = (await tenant.readSnapshot()).clients.find((client) => client.name === "Product XYZ");
    expect(Object.fromEntries(envFileValues(text))).toEqual({
      APP_BASE_URL: "http://127.0.0.1:3000",
      ...GENERATED,
      AUTH0_CLIENT_ID: app?.client_id,
      AUTH0_CLIENT_SECRET: app?.client_secret,
    });
    const file = path.join(dir, ".env.local");
    expect(printed).toContain(`Wrote AUTH0_SECRET, CONSENT_COOKIE_SECRET to ${file}.`);
    expect(printed).toContain(`Wrote AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET to ${file}; restart the app to use them.`);
  });

  it("never prints a secret value", async () => {
    await run({ mode: "dry-run", generatedSecrets: GENERATED });
    let all = printed;
    await run({ generatedSecrets: GENERATED });
    all += printed;
    await run({ desired: desired(3) });
    all += printed;
    const app = (await tenant.readSnapshot()).clients.find((client) => client.name === "Product XYZ");
    for (const value of [REDIRECT_SECRET, ...Object.values(GENERATED), app?.client_secret ?? "missing", target.clientSecret]) {
      expect(all).not.toContain(value);
    }
    expect(all).toContain("secret TERMS_VERSION changed");
  });

  it("says no changes on a second run, and touches nothing", async () => {
    await run({ generatedSecrets: GENERATED });
    tenant.writes.length = 0;
    const envBefore = await stat(path.join(dir, ".env.local"));
    const result = await run();
    expect(result).toMatchObject({ changed: false, applied: false });
    expect(printed.trimEnd().endsWith("No changes.")).toBe(true);
    expect(tenant.writes).toEqual([]);
    expect((await stat(path.join(dir, ".env.local"))).mtimeMs).toBe(envBefore.mtimeMs);
  });

  it("updates and redeploys only the changed Action, without re-binding", async () => {
    await run();
    tenant.writes.length = 0;
    edited = { [TERMS_OF_USE_ACTION]: "exports.onExecutePostLogin = async () => { /* v2 */ };" };
    await run();
    expect(tenant.writes).toEqual(["update action terms-of-use", "deploy action terms-of-use"]);
    expect(printed).toContain("  update     terms-of-use (then build and deploy)\n               code changed\n");
  });

  it("re-applies secrets once when the record is lost, then trusts the new record", async () => {
    await run();
    const record = appliedSecretsFile(path.join(dir, ".data", "tenant-sync"), target.domain);
    await writeFile(record, JSON.stringify({ tenant: target.domain, actions: {} }));
    tenant.writes.length = 0;
    await run();
    const names = desired().actions.map((action) => action.name);
    expect(tenant.writes.slice(0, names.length)).toEqual(names.map((name) => `update action ${name}`));
    expect(tenant.writes.slice(names.length).sort()).toEqual(names.map((name) => `deploy action ${name}`).sort());
    expect(printed).toContain("cannot be compared");
    tenant.writes.length = 0;
    await run();
    expect(tenant.writes).toEqual([]);
  });

  it("keeps an Action bound by hand, after the managed ones", async () => {
    await tenant.addHandMadeAction("hand-made");
    await run();
    expect(tenant.writes.at(-1)).toBe("bind access-policy,mfa-policy,terms-of-use,profile-completion,groups,roles,business-data,hand-made");
    expect(printed).toContain("business-data → hand-made (bound by hand, kept)");
  });

  it("gives the Actions the credentials of the machine clients it created, and never prints them", async () => {
    await run();
    const clients = (await tenant.readSnapshot()).clients;
    const client = (key: string) => clients.find((candidate) => candidate.client_metadata.tenant_sync_key === key);
    for (const [action, key] of [
      [GROUPS_ACTION, "groups-action"],
      [BUSINESS_DATA_ACTION, "business-data-action"],
    ] as const) {
      expect(tenant.secretValue(action, "CLIENT_ID")).toBe(client(key)?.client_id);
      expect(tenant.secretValue(action, "CLIENT_SECRET")).toBe(client(key)?.client_secret);
      expect(printed).not.toContain(client(key)?.client_secret ?? "missing");
    }
    tenant.writes.length = 0;
    await run();
    expect(tenant.writes).toEqual([]);
  });

  it("deploys the real bundle of the Action source", async () => {
    await run({ bundle: undefined });
    const action = (await tenant.readSnapshot()).actions.find((candidate) => candidate.name === TERMS_OF_USE_ACTION);
    expect(action?.code).toContain("onExecutePostLogin");
    expect(action?.code).toContain("module.exports");
  });
});
