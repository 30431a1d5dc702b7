import { spawn } from "node:child_process";
import { request as httpsRequest } from "node:https";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeProtectedHeader } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../tests/support/http-client";
import { registerWebApp, startTestTenant } from "../../tests/support/local-tenant";
import { loginWithPassword } from "../../tests/support/oidc-login";
import { StoreError } from "./errors";
import { startLocalTenant } from "./server";
import { loadOrCreateCertificate } from "./tls/certificate";

const folders: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "local-tenant-server-"));
  folders.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("persistence", () => {
  it("keeps users, keys, logins_count, clients and Actions across a restart", async () => {
    const dataDir = await tempDir();
    const first = await startTestTenant({ dataDir });
    const app = await registerWebApp(first);
    const actionId = await first.management.deployAction("kept", `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://example.com/kept", true); };`);
    await first.management.bindPostLogin([actionId]);
    const before = await loginWithPassword(new HttpClient(), app, first.demoUser);
    const kid = decodeProtectedHeader(before.tokens.id_token ?? "").kid;
    await first.stop({ keepData: true });

    const second = await startTestTenant({ dataDir });
    try {
      expect(second.managementClient).toEqual(first.managementClient);
      const movedApp = { ...app, issuer: second.issuer };
      const after = await loginWithPassword(new HttpClient(), movedApp, second.demoUser);
      expect(decodeProtectedHeader(after.tokens.id_token ?? "").kid).toBe(kid);
      const [demo] = await second.management.expect<Array<{ logins_count: number }>>(200, "GET", "users-by-email?email=demo%40example.com");
      expect(demo?.logins_count).toBe(2);
      const bindings = await second.management.expect<{ bindings: Array<{ action: { id: string } }> }>(200, "GET", "actions/triggers/post-login/bindings");
      expect(bindings.bindings.map((binding) => binding.action.id)).toEqual([actionId]);
      const managementFile = JSON.parse(await readFile(join(dataDir, "management-client.json"), "utf8")) as Record<string, string>;
      expect(managementFile).toMatchObject({ client_id: second.managementClient.client_id, issuer: second.issuer });
    } finally {
      await second.stop();
    }
  });

  it("writes its files readable by their owner only", async () => {
    const tenant = await startTestTenant();
    try {
      // The demo user, created at the first start, is in users.journal until the journal is folded into users.json.
      for (const file of ["users.journal", "signing-key.json", "clients.json", "management-client.json"]) {
        expect((await stat(join(tenant.dataDir, file))).mode & 0o077).toBe(0);
      }
      const users = await readFile(join(tenant.dataDir, "users.journal"), "utf8");
      expect(users).not.toContain(tenant.demoUser.password);
      expect(users).toContain("scrypt$");
    } finally {
      await tenant.stop();
    }
  });

  it("refuses to start on a corrupt file, naming it", async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, "users.json"), "{ not json");
    const started = startLocalTenant({ port: 0, dataDir, log: () => undefined });
    await expect(started).rejects.toBeInstanceOf(StoreError);
    await expect(started).rejects.toThrow(join(dataDir, "users.json"));
    await writeFile(join(dataDir, "users.json"), JSON.stringify({ users: [{ email: 1 }] }));
    await expect(startLocalTenant({ port: 0, dataDir, log: () => undefined })).rejects.toThrow(/users\.json does not have the expected shape/);
  });
});

describe("lifecycle", () => {
  it("closes every socket on close()", async () => {
    const tenant = await startTestTenant();
    const http = new HttpClient();
    expect((await http.get(`${tenant.issuer}.well-known/jwks.json`)).status).toBe(200);
    await tenant.stop();
    await expect(http.get(`http://127.0.0.1:${tenant.port}/.well-known/jwks.json`)).rejects.toThrow();
  });

  it("runs as a CLI and stops cleanly on SIGTERM", async () => {
    const dataDir = await tempDir();
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "main.ts"), "--port", "0", "--tls-port", "0", "--data-dir", dataDir], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const listening = new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/localhost:\d+\/)/.exec(stderr);
        if (match?.[1] && stderr.includes("demo user")) resolve(match[1]);
      });
      child.on("exit", () => reject(new Error(`exited early: ${stderr}`)));
    });
    const issuer = await listening;
    expect(stderr).toContain("[local-tenant]");
    expect((await new HttpClient().get(`${issuer}.well-known/openid-configuration`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("TLS listener", () => {
  it("serves the Management API over https with its own certificate, for the audience the auth0 SDK asks for", async () => {
    const dataDir = await tempDir();
    const tenant = await startLocalTenant({ port: 0, tlsPort: 0, dataDir, log: () => undefined });
    try {
      expect(tenant.managementDomain).toMatch(/^localhost:\d+$/);
      const { cert } = await loadOrCreateCertificate(dataDir);
      const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const request = httpsRequest(`https://${tenant.managementDomain}${path}`, { ca: cert, method: init.method ?? "GET", headers: init.headers }, (response) => {
            let body = "";
            response.on("data", (chunk: Buffer) => (body += chunk.toString()));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
          });
          request.on("error", reject);
          request.end(init.body);
        });
      const token = await call("/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          grant_type: "client_credentials",
          client_id: tenant.managementClient.client_id,
          client_secret: tenant.managementClient.client_secret,
          audience: `https://${tenant.managementDomain}/api/v2/`,
        }),
      });
      expect(token.status).toBe(200);
      const { access_token } = JSON.parse(token.body) as { access_token: string };
      const actions = await call("/api/v2/actions/actions", { headers: { authorization: `Bearer ${access_token}` } });
      expect(actions.status).toBe(200);
      expect(JSON.parse(actions.body)).toMatchObject({ actions: [] });
      const published = JSON.parse(await readFile(join(dataDir, "management-client.json"), "utf8")) as Record<string, string>;
      expect(published.management_domain).toBe(tenant.managementDomain);
    } finally {
      await tenant.close();
    }
  });
});
