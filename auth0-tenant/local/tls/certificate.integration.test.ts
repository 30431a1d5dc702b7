import { X509Certificate, createPrivateKey } from "node:crypto";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { createServer, request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { certificateFile, loadOrCreateCertificate, readTrustedCertificate } from "./certificate";

const DAY = 86_400_000;
const tempDir = () => mkdtemp(path.join(tmpdir(), "tls-"));

describe("local tenant certificate", () => {
  it("is made for localhost and 127.0.0.1, with a matching key, and persisted owner-only", async () => {
    const dataDir = await tempDir();
    const { key, cert } = await loadOrCreateCertificate(dataDir);
    const x509 = new X509Certificate(cert);
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(Date.parse(x509.validTo) - Date.now()).toBeGreaterThan(365 * DAY);
    expect((await stat(certificateFile(dataDir))).mode & 0o777).toBe(0o600);
    expect(await readTrustedCertificate(dataDir)).toBe(cert);
  });

  it("is generated once and reused", async () => {
    const dataDir = await tempDir();
    const first = await loadOrCreateCertificate(dataDir);
    expect(await loadOrCreateCertificate(dataDir)).toEqual(first);
  });

  it("is the same for two processes that start at once", async () => {
    const dataDir = await tempDir();
    const [a, b] = await Promise.all([loadOrCreateCertificate(dataDir), loadOrCreateCertificate(dataDir)]);
    expect(a).toEqual(b);
    expect(await readTrustedCertificate(dataDir)).toBe(a.cert);
  });

  it("is replaced when it is about to expire or the file is damaged", async () => {
    const dataDir = await tempDir();
    const first = await loadOrCreateCertificate(dataDir);
    const later = await loadOrCreateCertificate(dataDir, () => Date.now() + 800 * DAY);
    expect(later.cert).not.toBe(first.cert);
    await writeFile(certificateFile(dataDir), "not a certificate");
    const repaired = await loadOrCreateCertificate(dataDir);
    expect(new X509Certificate(repaired.cert).checkHost("localhost")).toBe("localhost");
    expect(await readFile(certificateFile(dataDir), "utf8")).toContain(repaired.cert.trim());
  });

  it("names the tenant's public host too when it has one, and is made anew when a saved one lacks it", async () => {
    const dataDir = await tempDir();
    const plain = await loadOrCreateCertificate(dataDir);
    expect(new X509Certificate(plain.cert).checkHost("tenant.product-xyz.test")).toBeUndefined();
    const named = await loadOrCreateCertificate(dataDir, Date.now, ["tenant.product-xyz.test"]);
    const x509 = new X509Certificate(named.cert);
    expect(x509.checkHost("tenant.product-xyz.test")).toBe("tenant.product-xyz.test");
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(await loadOrCreateCertificate(dataDir, Date.now, ["tenant.product-xyz.test"])).toEqual(named);
  });

  it("has no certificate to trust before the tenant made one", async () => {
    expect(await readTrustedCertificate(await tempDir())).toBeUndefined();
  });

  it("serves HTTPS that Node accepts once the certificate is trusted", async () => {
    const { key, cert } = await loadOrCreateCertificate(await tempDir());
    const server = createServer({ key, cert }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        request({ host: "localhost", port, ca: [cert] }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve(text));
        })
          .on("error", reject)
          .end();
      });
      expect(body).toBe("ok");
    } finally {
      server.close();
    }
  });
});
