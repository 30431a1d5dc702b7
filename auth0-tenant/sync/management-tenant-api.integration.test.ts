import { mkdtemp } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Server, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateCertificate } from "../local/tls/certificate";
import { DEFAULT_CALL_POLICY } from "./management-call";
import { managementTenantApi } from "./management-tenant-api";
import { trustLocalTenant } from "../local/tls/trust-local-tenant";

/**
 * The adapter against a scripted HTTPS Management API: proves the real `auth0` SDK calls reach the paths and bodies
 * we expect, through the local-tenant trust, with our error policy. The local tenant's own integration test comes
 * once it serves HTTPS.
 */
interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

type Responder = (req: Recorded) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

describe("managementTenantApi", () => {
  let server: Server;
  let port: number;
  let restore: () => Promise<void>;
  let recorded: Recorded[];
  let script: Responder[];
  let sleeps: number[];

  beforeAll(async () => {
    const { key, cert } = await loadOrCreateCertificate(await mkdtemp(path.join(tmpdir(), "mgmt-")));
    server = createServer({ key, cert }, (req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
    port = (server.address() as AddressInfo).port;
    restore = trustLocalTenant({ origin: `https://localhost:${port}`, certificate: cert });
  });

  afterAll(async () => {
    await restore();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  afterEach(() => {
    recorded = [];
    script = [];
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let body = "";
    for await (const chunk of req) body += chunk;
    const entry = { method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body };
    recorded.push(entry);
    const answer = script.map((respond) => respond(entry)).find((candidate) => candidate !== undefined) ?? {
      status: 404,
      body: { statusCode: 404, error: "Not Found", message: `no script for ${entry.method} ${entry.url}` },
    };
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  }

  const route =
    (method: string, pathname: string, answer: ReturnType<Responder>): Responder =>
    (req) =>
      req.method === method && new URL(req.url, "https://x").pathname === pathname ? answer : undefined;

  const token = route("POST", "/oauth/token", { status: 200, body: { access_token: "tok", expires_in: 86400, token_type: "Bearer" } });

  function api(domain = `localhost:${port}`) {
    sleeps = [];
    return managementTenantApi({
      domain,
      clientId: "mgmt-id",
      clientSecret: "mgmt-secret",
      policy: {
        ...DEFAULT_CALL_POLICY,
        sleep: async (ms) => void sleeps.push(ms),
        now: () => 1_700_000_000_000,
        jitterMs: () => 0,
        credentialsHint: "Check the test credentials.",
        unreachableHint: "Is it running?",
      },
    });
  }

  it("reads every managed kind of resource, with the token of the right audience", async () => {
    recorded = [];
    script = [
      token,
      route("GET", "/api/v2/actions/actions", {
        status: 200,
        body: {
          total: 1,
          actions: [
            {
              id: "a1",
              name: "terms-of-use",
              code: "code",
              runtime: "node22",
              dependencies: [],
              supported_triggers: [{ id: "post-login", version: "v3" }],
              secrets: [{ name: "TERMS_VERSION", updated_at: "2026-01-01T00:00:00.000Z" }],
              status: "built",
              all_changes_deployed: true,
            },
          ],
        },
      }),
      route("GET", "/api/v2/actions/triggers/post-login/bindings", {
        status: 200,
        body: { bindings: [{ id: "b1", action: { id: "a1", name: "terms-of-use" }, display_name: "terms-of-use" }] },
      }),
      route("GET", "/api/v2/clients", {
        status: 200,
        body: {
          clients: [
            { client_id: "c1", name: "Product XYZ", client_metadata: { tenant_sync_key: "product-xyz-app" }, client_secret: "cs" },
            { client_id: "all", name: "All Applications", global: true },
          ],
        },
      }),
      route("GET", "/api/v2/resource-servers", {
        status: 200,
        body: { resource_servers: [{ id: "r1", identifier: "https://api", name: "API", scopes: [{ value: "read:users" }] }] },
      }),
      route("GET", "/api/v2/client-grants", {
        status: 200,
        body: { client_grants: [{ id: "g1", client_id: "c1", audience: "https://api", scope: ["read:users"] }] },
      }),
    ];
    const snapshot = await api().readSnapshot();
    expect(snapshot).toEqual({
      actions: [
        {
          id: "a1",
          name: "terms-of-use",
          code: "code",
          runtime: "node22",
          dependencies: [],
          supported_triggers: [{ id: "post-login", version: "v3" }],
          secrets: [{ name: "TERMS_VERSION", updated_at: "2026-01-01T00:00:00.000Z" }],
          status: "built",
          all_changes_deployed: true,
          errors: [],
        },
      ],
      postLoginBindings: [{ action_id: "a1", action_name: "terms-of-use", display_name: "terms-of-use" }],
      clients: [
        {
          client_id: "c1",
          name: "Product XYZ",
          callbacks: [],
          allowed_logout_urls: [],
          web_origins: [],
          grant_types: [],
          client_metadata: { tenant_sync_key: "product-xyz-app" },
          client_secret: "cs",
        },
      ],
      resourceServers: [{ id: "r1", identifier: "https://api", name: "API", scopes: [{ value: "read:users", description: "" }] }],
      clientGrants: [{ id: "g1", client_id: "c1", audience: "https://api", scope: ["read:users"] }],
    });
    const tokenRequest = new URLSearchParams(recorded.find((req) => req.url === "/oauth/token")?.body);
    expect(Object.fromEntries(tokenRequest)).toMatchObject({
      grant_type: "client_credentials",
      client_id: "mgmt-id",
      client_secret: "mgmt-secret",
      audience: `https://localhost:${port}/api/v2/`,
    });
    expect(recorded.filter((req) => req.url.startsWith("/api/v2/")).every((req) => req.authorization === "Bearer tok")).toBe(true);
  });

  it("stops paging when a server ignores the page parameter", async () => {
    recorded = [];
    const full = Array.from({ length: 50 }, (_, index) => ({ id: `a${index}`, name: `a${index}`, code: "" }));
    script = [token, route("GET", "/api/v2/actions/actions", { status: 200, body: { actions: full } })];
    const tenant = api();
    await expect(tenant.readSnapshot()).rejects.toThrow(/no script for GET \/api\/v2\/actions\/triggers/);
    expect(recorded.filter((req) => req.url.startsWith("/api/v2/actions/actions")).length).toBe(2);
  });

  it("waits until x-ratelimit-reset on 429, then goes on", async () => {
    recorded = [];
    let limited = true;
    script = [
      token,
      (req) => {
        if (!req.url.startsWith("/api/v2/actions/actions/a1") || !limited) return undefined;
        limited = false;
        return {
          status: 429,
          headers: { "x-ratelimit-reset": String(1_700_000_003), "x-ratelimit-remaining": "0" },
          body: { statusCode: 429, error: "Too Many Requests", message: "Global limit has been reached", errorCode: "too_many_requests" },
        };
      },
      route("GET", "/api/v2/actions/actions/a1", { status: 200, body: { id: "a1", name: "terms-of-use", status: "built" } }),
    ];
    expect((await api().getAction("a1")).status).toBe("built");
    expect(sleeps).toEqual([3000]);
  });

  it("stops with the missing scope named on 403", async () => {
    recorded = [];
    script = [
      token,
      route("PATCH", "/api/v2/actions/actions/a1", {
        status: 403,
        body: { statusCode: 403, error: "Forbidden", message: "Insufficient scope, expected any of: update:actions", errorCode: "insufficient_scope" },
      }),
    ];
    const input = { name: "terms-of-use", code: "", runtime: "node22", dependencies: [], supported_triggers: [], secrets: [] };
    await expect(api().updateAction("a1", input)).rejects.toMatchObject({
      code: "ERR_SYNC_FORBIDDEN",
      message: expect.stringContaining("lacks the scope update:actions"),
    });
  });

  it("stops with the credentials hint when the token endpoint refuses them", async () => {
    recorded = [];
    script = [route("POST", "/oauth/token", { status: 401, body: { error: "access_denied", error_description: "Unauthorized" } })];
    await expect(api().getAction("a1")).rejects.toMatchObject({
      code: "ERR_SYNC_UNAUTHORIZED",
      message: expect.stringContaining("Check the test credentials."),
    });
  });

  it("sends the complete ordered binding list by action id", async () => {
    recorded = [];
    script = [token, route("PATCH", "/api/v2/actions/triggers/post-login/bindings", { status: 200, body: { bindings: [] } })];
    await api().setPostLoginBindings([
      { action_id: "a1", display_name: "terms-of-use" },
      { action_id: "a2", display_name: "other" },
    ]);
    expect(JSON.parse(recorded.at(-1)?.body ?? "")).toEqual({
      bindings: [
        { ref: { type: "action_id", value: "a1" }, display_name: "terms-of-use" },
        { ref: { type: "action_id", value: "a2" }, display_name: "other" },
      ],
    });
  });

  it("says the tenant is unreachable when nothing listens", async () => {
    recorded = [];
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "localhost", resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(api(`localhost:${free}`).getAction("a1")).rejects.toMatchObject({
      code: "ERR_SYNC_UNREACHABLE",
      message: expect.stringContaining("ECONNREFUSED"),
    });
  });
});
