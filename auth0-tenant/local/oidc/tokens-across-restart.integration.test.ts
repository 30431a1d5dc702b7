import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { ROTATING_REFRESH_TOKENS, registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { ManagementApi } from "../../../tests/support/management-api";
import { codeFlow, discoverWithOpenidClient, responseBodyError } from "../../../tests/support/openid-client";

/**
 * Tokens issued before a restart of the tenant on the same data folder, used after it (openid-client 6): on Auth0 a
 * restart is invisible to an app, so its refresh tokens and opaque access tokens keep working, and a revoked family
 * stays revoked.
 */
let tenant: TestTenant;
let config: oidc.Configuration;
let before: { refreshToken: string; accessToken: string; sub: string; revokedRefreshToken: string };

beforeAll(async () => {
  const first = await startTestTenant();
  const app = await registerWebApp(first, { refreshToken: ROTATING_REFRESH_TOKENS });
  config = await discoverWithOpenidClient(app);
  const scope = { scope: "openid profile email offline_access" };
  const { tokens } = await codeFlow(new HttpClient(), config, app, first.demoUser, scope);
  const revoked = (await codeFlow(new HttpClient(), config, app, first.demoUser, scope)).tokens;
  await oidc.tokenRevocation(config, revoked.refresh_token ?? "");
  before = { refreshToken: tokens.refresh_token ?? "", accessToken: tokens.access_token, sub: tokens.claims()?.sub ?? "", revokedRefreshToken: revoked.refresh_token ?? "" };
  await first.stop({ keepData: true });
  tenant = await startTestTenant({ dataDir: first.dataDir, port: first.port });
});
afterAll(async () => {
  await tenant?.stop();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe("tokens across a tenant restart (openid-client 6)", () => {
  it("a refresh token issued before the restart gives new tokens after it, and its successor works too", async () => {
    const refreshed = await oidc.refreshTokenGrant(config, before.refreshToken);
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.id_token).toBeTruthy();
    const successor = refreshed.refresh_token ?? "";
    expect(successor).not.toBe(before.refreshToken);
    expect((await oidc.refreshTokenGrant(config, successor)).access_token).toBeTruthy();
  });

  it("an opaque access token issued before the restart is answered by /userinfo after it", async () => {
    expect(before.accessToken.split(".")).toHaveLength(5);
    const info = await oidc.fetchUserInfo(config, before.accessToken, before.sub);
    expect(info).toMatchObject({ sub: before.sub, email: tenant.demoUser.email });
  });

  it("a family revoked before the restart stays revoked after it", async () => {
    const error = await responseBodyError(oidc.refreshTokenGrant(config, before.revokedRefreshToken));
    expect(error.status).toBe(403);
    expect((error.cause as { local_tenant_reason?: string }).local_tenant_reason).toBe("The refresh token was revoked.");
  });

  it("keeps no raw refresh token in the data folder, only their hashes", async () => {
    const files = await filesUnder(tenant.dataDir);
    expect(files.map((file) => file.slice(tenant.dataDir.length + 1))).toContain("refresh-tokens.json");
    for (const file of files) {
      const text = await readFile(file, "utf8");
      expect(text, file).not.toContain(before.refreshToken);
      expect(text, file).not.toContain(before.revokedRefreshToken);
    }
  });
});

/** The tenant's CLI on `dataDir`, until it prints its issuer. */
async function startCli(dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "..", "main.ts"), "--port", "0", "--tls-port", "0", "--data-dir", dataDir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const issuer = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+\/)/.exec(stderr);
      if (match?.[1] && stderr.includes("demo user")) resolve(match[1]);
    });
    child.on("exit", () => reject(new Error(`exited early: ${stderr}`)));
  });
  return { child, issuer };
}

describe("refresh tokens after kill -9 (openid-client 6)", () => {
  it("a token handed out just before the tenant is killed works after a restart, and the one it rotated from is used", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "local-tenant-"));
    const { child, issuer } = await startCli(dataDir);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let successor: string;
    let first: string;
    let app: { issuer: string; clientId: string; clientSecret: string; redirectUri: string };
    try {
      const credentials = JSON.parse(await readFile(join(dataDir, "management-client.json"), "utf8")) as { client_id: string; client_secret: string };
      const management = new ManagementApi({ issuer, clientId: credentials.client_id, clientSecret: credentials.client_secret });
      const redirectUri = "http://127.0.0.1:3000/auth/callback";
      const created = await management.createWebClient({ callbacks: [redirectUri], allowed_logout_urls: ["http://127.0.0.1:3000/"], refresh_token: ROTATING_REFRESH_TOKENS });
      app = { issuer, clientId: created.client_id, clientSecret: created.client_secret, redirectUri };
      const cliConfig = await discoverWithOpenidClient(app);
      const demoUser = { email: "demo@example.com", password: "demo-password-1" };
      first = (await codeFlow(new HttpClient(), cliConfig, app, demoUser, { scope: "openid offline_access" })).tokens.refresh_token ?? "";
      successor = (await oidc.refreshTokenGrant(cliConfig, first)).refresh_token ?? "";
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    const restarted = await startTestTenant({ dataDir, port: Number(new URL(issuer).port) });
    try {
      const restartedConfig = await discoverWithOpenidClient(app);
      expect((await oidc.refreshTokenGrant(restartedConfig, successor)).access_token).toBeTruthy();
      const error = await responseBodyError(oidc.refreshTokenGrant(restartedConfig, first));
      expect((error.cause as { local_tenant_reason?: string }).local_tenant_reason).toContain("already exchanged");
    } finally {
      await restarted.stop();
    }
  });
});
