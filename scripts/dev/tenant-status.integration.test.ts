import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateCertificate } from "../../auth0-tenant/local/tls/certificate";
import { realTenantStatus } from "./tenant-status";

/** What `npm run dev` says of a real tenant whose certificate Node does not trust (a proxy's, a stand-in tenant's). */
let dir: string;
let server: ReturnType<typeof createServer>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tenant-status-"));
  server = createServer(await loadOrCreateCertificate(dir), (_req, res) => res.end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe("realTenantStatus", () => {
  it("names NODE_EXTRA_CA_CERTS when the tenant's certificate is not trusted", async () => {
    const domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lines = await realTenantStatus({ domain, canCheckSync: false, projectDir: dir });
    // Node 24 adds a hint of its own after the reason ("…; if the root CA is installed locally, try running Node.js with --use-system-ca").
    expect(lines[0]).toMatch(new RegExp(`^Auth0 tenant ${domain.replace(/\./g, "\\.")} cannot be reached \\(self-signed certificate[;)]`));
    expect(lines[1]).toBe("The app starts anyway, but signing in fails until Node trusts its certificate: NODE_EXTRA_CA_CERTS=<file.pem>.");
  });
});
