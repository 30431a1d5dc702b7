import { mkdtemp } from "node:fs/promises";
import { type Server, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateCertificate } from "./certificate";
import { trustLocalTenant } from "./trust-local-tenant";

describe("trustLocalTenant", () => {
  let server: Server;
  let port: number;
  let certificate: string;

  beforeAll(async () => {
    const { key, cert } = await loadOrCreateCertificate(await mkdtemp(path.join(tmpdir(), "trust-")));
    certificate = cert;
    server = createServer({ key, cert }, (_req, res) => res.end("local tenant"));
    await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const failure = (url: string) =>
    fetch(url).then(
      () => "accepted",
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );

  it("lets fetch reach the local tenant's origin, and only while installed", async () => {
    expect(await failure(`https://localhost:${port}/`)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    const restore = trustLocalTenant({ origin: `https://localhost:${port}`, certificate });
    try {
      expect(await (await fetch(`https://localhost:${port}/api/v2/`)).text()).toBe("local tenant");
    } finally {
      await restore();
    }
    expect(await failure(`https://localhost:${port}/`)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("does not trust the certificate for any other origin", async () => {
    const restore = trustLocalTenant({ origin: `https://localhost:${port + 1}`, certificate });
    try {
      expect(await failure(`https://localhost:${port}/`)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
      expect(await failure(`https://127.0.0.1:${port}/`)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    } finally {
      await restore();
    }
  });

  it("keeps every trust in force: two origins at once, and one removed leaves the other", async () => {
    const other = await loadOrCreateCertificate(await mkdtemp(path.join(tmpdir(), "trust-other-")));
    const removeOther = trustLocalTenant({ origin: `https://localhost:${port + 1}`, certificate: other.cert });
    const removeOwn = trustLocalTenant({ origin: `https://localhost:${port}`, certificate });
    const removeAgain = trustLocalTenant({ origin: `https://localhost:${port}`, certificate });
    try {
      await removeOther();
      await removeOwn();
      expect(await (await fetch(`https://localhost:${port}/`)).text()).toBe("local tenant");
    } finally {
      await removeAgain();
    }
    expect(await failure(`https://localhost:${port}/`)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("refuses a non-https origin", () => {
    expect(() => trustLocalTenant({ origin: "http://localhost:4000", certificate })).toThrow(/not an https origin/);
  });
});
