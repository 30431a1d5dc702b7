import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ManagementClient } from "auth0";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../tests/e2e/support/free-port";
import { startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { trustLocalTenant } from "../tls/trust-local-tenant";
import { readTrustedCertificate } from "../tls/certificate";

/**
 * Actions' npm `dependencies`, installed by the tenant from the real npm registry while the Action is `building`,
 * driven through the `auth0` SDK over the tenant's HTTPS endpoint. `ms` is small and has no dependencies: its cold
 * install (into a fresh cache) takes seconds.
 */
/** npm on a loaded machine: a cold install or a refused registry's retries take seconds, not milliseconds. */
const NPM_TIMEOUT_MS = 180_000;
const NOT_BUILT = "A draft must be in the 'built' state before it can be deployed.";
const trigger = [{ id: "post-login" as const, version: "v3" }];
const code = 'const ms = require("ms"); exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("t", ms("2h")); };';

let cacheDir: string;
let tenant: TestTenant;
let client: ManagementClient;
let restoreTrust: () => Promise<void>;

async function connect(started: TestTenant): Promise<void> {
  const certificate = await readTrustedCertificate(started.dataDir);
  restoreTrust = trustLocalTenant({ origin: `https://${started.managementDomain}`, certificate: certificate ?? "" });
  client = new ManagementClient({
    domain: started.managementDomain ?? "",
    clientId: started.managementClient.client_id,
    clientSecret: started.managementClient.client_secret,
    maxRetries: 0,
  });
}

/** Every status the Action shows until its build ends, in order (from `first`), and the Action as it ended. */
async function buildOf(id: string, first?: string, timeoutMs = 240_000) {
  const statuses: string[] = first ? [first] : [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const action = await client.actions.get(id);
    if (statuses.at(-1) !== action.status) statuses.push(action.status ?? "");
    if (action.status === "built" || action.status === "failed") return { statuses, action };
    if (Date.now() > deadline) throw new Error(`still ${action.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A registry URL on a loopback port nothing listens on: every request to it is refused at once. */
async function closedRegistry(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/`;
}

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "action-deps-cache-"));
  tenant = await startTestTenant({ tlsPort: 0, dependencyCacheDir: cacheDir });
  await connect(tenant);
});

afterAll(async () => {
  await restoreTrust?.();
  await tenant?.stop();
  await rm(cacheDir, { recursive: true, force: true });
});

describe("Action dependencies", () => {
  let id = "";

  describe("a package of the registry", () => {
    it("is installed into the cache while the Action is building; the Action is then built", async () => {
      const created = await client.actions.create({ name: "uses-ms", supported_triggers: trigger, code, dependencies: [{ name: "ms", version: "2.1.3" }] });
      id = created.id ?? "";
      const { statuses, action } = await buildOf(id, created.status);
      expect(statuses).toEqual(["pending", "building", "built"]);
      expect(action).toMatchObject({ dependencies: [{ name: "ms", version: "2.1.3" }], built_at: expect.any(String) });
      expect((await stat(path.join(cacheDir, "ms@2.1.3", "node_modules", "ms", "package.json"))).isFile()).toBe(true);
      expect(tenant.logs).toContain('action "uses-ms" built');
      expect((await client.actions.deploy(id)).status).toBe("built");
    }, NPM_TIMEOUT_MS);
  });

  describe("a build that cannot install its dependencies", () => {
    it("fails with npm's reason for a package that does not exist, and the draft cannot be deployed", async () => {
      const name = "local-tenant-no-such-package-h14a";
      const created = await client.actions.create({ name: "missing-package", supported_triggers: trigger, code, dependencies: [{ name, version: "1.0.0" }] });
      const { statuses, action } = await buildOf(created.id ?? "");
      expect(statuses.at(-1)).toBe("failed");
      const message = (action as { errors?: Array<{ id: string; msg: string }> }).errors?.[0];
      expect(message).toEqual({ id: "build_failed", msg: expect.stringMatching(new RegExp(`^Could not install ${name}@1.0.0: code E404; 404 Not Found - GET `)) });
      await expect(client.actions.deploy(created.id ?? "")).rejects.toMatchObject({ statusCode: 400, body: { message: NOT_BUILT } });
      expect(tenant.logs.some((line) => line.startsWith('action "missing-package" build failed: Could not install'))).toBe(true);
    }, NPM_TIMEOUT_MS);

    it("fails with npm's reason for a version that does not exist", async () => {
      const created = await client.actions.create({ name: "missing-version", supported_triggers: trigger, code, dependencies: [{ name: "ms", version: "99.99.99" }] });
      const { action } = await buildOf(created.id ?? "");
      expect(action.status).toBe("failed");
      expect((action as { errors?: Array<{ msg: string }> }).errors?.[0]?.msg).toBe(
        "Could not install ms@99.99.99: code ETARGET; notarget No matching version found for ms@99.99.99.; notarget In most cases you or one of your dependencies are requesting a package version that doesn't exist.",
      );
    }, NPM_TIMEOUT_MS);

    it("fails, saying so, when the registry cannot be reached and the package is not cached", async () => {
      const registry = await closedRegistry();
      const offline = await startTestTenant({ dependencyCacheDir: cacheDir, npmRegistry: registry });
      try {
        const created = await offline.management.expect<{ id: string }>(201, "POST", "actions/actions", {
          name: "offline",
          supported_triggers: trigger,
          code: 'const p = require("left-pad"); exports.onExecutePostLogin = async () => {};',
          dependencies: [{ name: "left-pad", version: "1.3.0" }],
        });
        let action: { status: string; errors?: Array<{ msg: string }> };
        do {
          await new Promise((resolve) => setTimeout(resolve, 50));
          action = await offline.management.expect(200, "GET", `actions/actions/${created.id}`);
        } while (action.status !== "failed" && action.status !== "built");
        expect(action.status).toBe("failed");
        expect(action.errors?.[0]?.msg).toMatch(
          new RegExp(
            `^Could not install left-pad@1.3.0: the npm registry ${registry} cannot be reached and left-pad@1.3.0 is not in the local tenant's dependency cache \\(${cacheDir}\\)\\. npm said: code ECONNREFUSED; FetchError: request to ${registry}left-pad failed`,
          ),
        );
      } finally {
        await offline.stop();
      }
    }, NPM_TIMEOUT_MS);
  });

  describe("what the Management API refuses", () => {
    const create = (dependencies: unknown) =>
      tenant.management.call<{ message: string }>("POST", "actions/actions", { name: `refused-${Math.random()}`, supported_triggers: trigger, code, dependencies });

    it.each([
      ["more than Auth0's 10 dependencies", Array.from({ length: 11 }, (_, n) => ({ name: `pkg-${n}`, version: "1.0.0" })), /at most 10 npm dependencies/],
      ["a URL for a version", [{ name: "ms", version: "https://example.com/ms.tgz" }], /must be an npm version, range or tag/],
      ["a path for a name", [{ name: "../ms", version: "1.0.0" }], /must be an npm package name/],
      ["a package named twice", [{ name: "ms", version: "2.1.3" }, { name: "ms", version: "2.1.2" }], /each dependency must be named once/],
      ["no version", [{ name: "ms", version: "" }], /is required/],
    ])("%s, with 400", async (_case, dependencies, message) => {
      const response = await create(dependencies);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(message);
    });

    it("counts the code alone against the 100 kB limit", async () => {
      const padded = `${code}\n//${"x".repeat(100 * 1024 - code.length - 3)}`;
      expect(padded.length).toBe(100 * 1024);
      const full = await tenant.management.call<{ id: string }>("POST", "actions/actions", {
        name: "full",
        supported_triggers: trigger,
        code: padded,
        dependencies: [{ name: "ms", version: "2.1.3" }],
      });
      expect(full.status).toBe(201);
      expect((await buildOf(full.body.id)).action.status).toBe("built");
      const over = await tenant.management.call<{ message: string }>("POST", "actions/actions", { name: "over", supported_triggers: trigger, code: `${padded}x` });
      expect(over.status).toBe(400);
      expect(over.body.message).toMatch(/the code exceeds 100 kB/);
    });
  });

  // Last: it leaves the tenant without a registry.
  describe("the cache", () => {
    it("builds again from the cache with no registry, after a restart", async () => {
      await restoreTrust();
      await tenant.stop({ keepData: true });
      tenant = await startTestTenant({ tlsPort: 0, dataDir: tenant.dataDir, dependencyCacheDir: cacheDir, npmRegistry: await closedRegistry() });
      await connect(tenant);
      await client.actions.update(id, { code: `${code}\n// changed` });
      const { statuses } = await buildOf(id);
      expect(statuses.at(-1)).toBe("built");
      expect((await client.actions.deploy(id)).number).toBe(2);
    }, NPM_TIMEOUT_MS);
  });
});
