import { mkdtemp, rm } from "node:fs/promises";
import { type Server, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { loginWithPassword } from "../../../tests/support/oidc-login";
import { loadOrCreateCertificate } from "../tls/certificate";

/**
 * An Action calls its own tenant at `https://${event.secrets.domain}` with the platform's clients, global `fetch`
 * (undici) and Node's `https`: the runtime trusts the tenant's certificate for the tenant's endpoint only. Another
 * loopback server with a self-signed certificate of its own stays refused, inside the Action as outside.
 */
const ACTION = `
const https = require("node:https");
const errorCode = (error) => (error && error.cause && error.cause.code) || (error && error.code) || String(error);
const getWithHttps = (url) => new Promise((resolve, reject) => {
  https.get(url, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode)); }).on("error", reject);
});
exports.onExecutePostLogin = async (event, api) => {
  const base = "https://" + event.secrets.domain;
  const token = await fetch(base + "/oauth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ grant_type: "client_credentials", client_id: event.secrets.client_id, client_secret: event.secrets.client_secret, audience: base + "/api/v2/" }),
  }).then((res) => res.json());
  const user = await fetch(base + "/api/v2/users/" + encodeURIComponent(event.user.user_id), {
    headers: { authorization: "Bearer " + token.access_token },
  }).then((res) => res.json());
  api.idToken.setCustomClaim("https://claims.example/fetched_email", user.email);
  api.idToken.setCustomClaim("https://claims.example/https_status", await getWithHttps(base + "/.well-known/openid-configuration"));
  api.idToken.setCustomClaim("https://claims.example/stranger_fetch", await fetch(event.secrets.stranger).then(() => "accepted", errorCode));
  api.idToken.setCustomClaim("https://claims.example/stranger_https", await getWithHttps(event.secrets.stranger).then(() => "accepted", errorCode));
};`;

let tenant: TestTenant;
let stranger: Server;
let strangerDir: string;

beforeAll(async () => {
  tenant = await startTestTenant({ tlsPort: 0 });
  strangerDir = await mkdtemp(path.join(tmpdir(), "stranger-"));
  const { key, cert } = await loadOrCreateCertificate(strangerDir);
  stranger = createServer({ key, cert }, (_req, res) => res.end("not the tenant"));
  await new Promise<void>((resolve) => stranger.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => stranger?.close(() => resolve()));
  await tenant?.stop();
  await rm(strangerDir, { recursive: true, force: true });
});

describe("an Action calling its own tenant over https", () => {
  it("is trusted with fetch and Node's https for the tenant's endpoint, and for nothing else", async () => {
    const domain = tenant.managementDomain ?? "";
    const reader = await tenant.management.expect<{ client_id: string; client_secret: string }>(201, "POST", "clients", {
      name: "reader",
      app_type: "non_interactive",
      grant_types: ["client_credentials"],
    });
    await tenant.management.expect(201, "POST", "client-grants", { client_id: reader.client_id, audience: `https://${domain}/api/v2/`, scope: ["read:users"] });
    const secrets = {
      domain,
      client_id: reader.client_id,
      client_secret: reader.client_secret,
      stranger: `https://127.0.0.1:${(stranger.address() as AddressInfo).port}/`,
    };
    const id = await tenant.management.deployAction("calls its tenant", ACTION, Object.entries(secrets).map(([name, value]) => ({ name, value })));
    await tenant.management.bindPostLogin([id]);

    const { tokens } = await loginWithPassword(new HttpClient(), await registerWebApp(tenant), tenant.demoUser);
    expect(decodeJwt(tokens.id_token ?? "")).toMatchObject({
      "https://claims.example/fetched_email": tenant.demoUser.email,
      "https://claims.example/https_status": 200,
      "https://claims.example/stranger_fetch": "DEPTH_ZERO_SELF_SIGNED_CERT",
      "https://claims.example/stranger_https": "DEPTH_ZERO_SELF_SIGNED_CERT",
    });
  });
});
