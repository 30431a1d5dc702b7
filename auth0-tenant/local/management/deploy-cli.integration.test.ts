import { readdir, readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeployCli } from "../../../tests/support/deploy-cli";
import { HttpClient } from "../../../tests/support/http-client";
import { startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { continueAt, exchangeCode, startAuthorization, submitPassword, codeFrom } from "../../../tests/support/oidc-login";
import { startStubServer, type StubServer } from "../../../tests/support/stub-server";

/** The seed project's tenant folder (seed 000), in the Deploy CLI's directory format. */
const FIXTURE = join(process.cwd(), "tests", "fixtures", "terms-tenant");
const JWT_SECRET = "the-terms-page-and-the-action-share-this-secret";
const DEPLOY_TIMEOUT = 600_000;

let tenant: TestTenant;
let termsPage: StubServer;
let workDir: string;
let mappings: Record<string, string>;

beforeAll(async () => {
  tenant = await startTestTenant({ tlsPort: 0, buildDelayMs: 100 });
  termsPage = await startStubServer(() => ({ status: 200, json: { page: "terms" } }));
  workDir = await mkdtemp(join(tmpdir(), "deploy-cli-test-"));
  mappings = {
    PRODUCT_XYZ_URL: "http://127.0.0.1:9/product-xyz",
    BACKEND_DJANGO_ENDPOINT: `${termsPage.url}/terms`,
    AUTH0_JWT_SECRET: JWT_SECRET,
  };
});
afterAll(async () => {
  await termsPage.close();
  await tenant.stop();
  await rm(workDir, { recursive: true, force: true });
});

async function importFixture() {
  const run = await runDeployCli(tenant, ["import", "--input_file", FIXTURE], { AUTH0_KEYWORD_REPLACE_MAPPINGS: mappings });
  expect(run.exitCode, run.output).toBe(0);
  expect(run.output).toContain("Import Successful");
  return run;
}

async function exportTo(name: string): Promise<Record<string, string>> {
  const folder = join(workDir, name);
  const run = await runDeployCli(tenant, ["export", "--format", "directory", "--output_folder", folder]);
  expect(run.exitCode, run.output).toBe(0);
  expect(run.output).toContain("Export Successful");
  return readFolder(folder);
}

async function readFolder(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(files.map(async (file) => [relative(folder, file), await readFile(file, "utf8")] as const)));
}

const json = (files: Record<string, string>, name: string) => JSON.parse(files[name] ?? "null") as Record<string, unknown>;

describe("a0deploy against the local tenant", () => {
  let firstExport: Record<string, string>;

  it("imports the seed's tenant folder", { timeout: DEPLOY_TIMEOUT }, async () => {
    const run = await importFixture();
    expect(run.output).toMatch(/Created \[clients\]: \{"name":"Product XYZ"/);
    expect(run.output).toMatch(/Deployed \[actions\]: .*Policy acceptance verifier/);
    expect(run.output).toMatch(/Updated \[databases\]: \{"name":"Username-Password-Authentication"/);
    expect(run.output).toContain(`Updated [triggers]: {"trigger_id":"post-login"}`);
    expect(run.output).toMatch(/Updated \[tenant\]: .*Cockatiel SANDBOX/);
  });

  it("exports the same clients, Action (code byte for byte), bindings, connection and settings", { timeout: DEPLOY_TIMEOUT }, async () => {
    firstExport = await exportTo("first");
    const fixture = await readFolder(FIXTURE);
    const client = json(firstExport, "clients/Product XYZ.json");
    const imported = JSON.parse(
      (fixture["clients/Product XYZ.json"] ?? "").replaceAll("##PRODUCT_XYZ_URL##", mappings.PRODUCT_XYZ_URL ?? ""),
    ) as Record<string, unknown>;
    // The Deploy CLI itself renames the deprecated `cross_origin_auth` to `cross_origin_authentication`.
    const { cross_origin_auth: crossOrigin, ...rest } = imported;
    expect(client).toMatchObject({ ...rest, cross_origin_authentication: crossOrigin });
    expect(client).not.toHaveProperty("created_at");

    const code = "actions/Policy acceptance verifier/code.js";
    expect(firstExport[code]).toBe(fixture[code]);
    expect(json(firstExport, "actions/Policy acceptance verifier.json")).toEqual({
      ...json(fixture, "actions/Policy acceptance verifier.json"),
      // Auth0 never returns a secret's value.
      secrets: [{ name: "BACKEND_DJANGO_ENDPOINT" }, { name: "AUTH0_JWT_SECRET" }],
    });
    expect(json(firstExport, "triggers/triggers.json")).toEqual(json(fixture, "triggers/triggers.json"));
    expect(json(firstExport, "database-connections/Username-Password-Authentication/database.json")).toMatchObject(
      json(fixture, "database-connections/Username-Password-Authentication/database.json"),
    );
    // `universal_login` is a flag the Deploy CLI drops itself ("deemed incompatible"), on Auth0 too.
    const { flags, ...settings } = json(fixture, "tenant.json");
    const { universal_login: _dropped, ...keptFlags } = flags as Record<string, boolean>;
    expect(json(firstExport, "tenant.json")).toMatchObject({ ...settings, flags: keptFlags });
  });

  it("changes nothing on a second import", { timeout: DEPLOY_TIMEOUT }, async () => {
    const clientsBefore = (await tenant.management.expect<unknown[]>(200, "GET", "clients")).length;
    await importFixture();
    expect((await tenant.management.expect<unknown[]>(200, "GET", "clients")).length).toBe(clientsBefore);
    const actions = await tenant.management.expect<{ total: number }>(200, "GET", "actions/actions");
    expect(actions.total).toBe(1);
    const secondExport = await exportTo("second");
    expect(secondExport).toEqual(firstExport);
  });

  it("sends a first login through the imported Action to the terms page, and back through /continue", { timeout: 60_000 }, async () => {
    const [client] = (await tenant.management.expect<Array<{ name: string; client_id: string; client_secret: string }>>(200, "GET", "clients")).filter(
      (candidate) => candidate.name === "Product XYZ",
    );
    if (!client) throw new Error("Product XYZ was not imported");
    const app = { issuer: tenant.issuer, clientId: client.client_id, clientSecret: client.client_secret, redirectUri: `${mappings.PRODUCT_XYZ_URL}/callback` };
    const http = new HttpClient();
    const started = await startAuthorization(http, app);
    if (started.landing.kind !== "page") throw new Error(`expected the login page, got ${started.landing.kind}`);
    const landing = await submitPassword(http, app, started.landing.response, tenant.demoUser);
    if (landing.kind !== "redirect") throw new Error(`expected a redirect to the terms page, got ${landing.kind}`);
    expect(`${landing.url.origin}${landing.url.pathname}`).toBe(`${termsPage.url}/terms`);
    const sessionToken = landing.url.searchParams.get("session_token") ?? "";
    const state = landing.url.searchParams.get("state") ?? "";
    expect(state).not.toBe("");
    const key = new TextEncoder().encode(JWT_SECRET);
    const { payload } = await jwtVerify(sessionToken, key, { algorithms: ["HS256"] });
    expect(payload).toMatchObject({ client_id: client.client_id, app_metadata: {} });

    // What the Django page does on acceptance: a signed `data` token carrying the state, back to /continue.
    const data = await new SignJWT({ state, other: { termsAcceptanceHistory: [{ version: 1 }] } })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(String(payload.sub))
      .setIssuer(new URL(tenant.issuer).host)
      .setIssuedAt()
      .setExpirationTime("30s")
      .sign(key);
    const back = await continueAt(http, app, { state, data }, "GET");
    const code = codeFrom(back, started.request);
    expect((await exchangeCode(http, app, code, started.request.codeVerifier)).status).toBe(200);
    const [user] = await tenant.management.expect<Array<{ app_metadata: unknown }>>(200, "GET", `users-by-email?email=${encodeURIComponent(tenant.demoUser.email)}`);
    expect(user?.app_metadata).toMatchObject({ termsAcceptanceHistory: [{ version: 1 }] });
  });
});
