import { mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateCertificate } from "../../auth0-tenant/local/tls/certificate";
import { freePort } from "../e2e/support/free-port";
import { startTlsProxy, type TlsProxy } from "./tls-proxy";

describe("startTlsProxy", () => {
  let upstream: Server;
  let proxy: TlsProxy;
  let cert: string;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        res.setHeader("set-cookie", ["a=1; Secure", "b=2"]);
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const tls = await loadOrCreateCertificate(await mkdtemp(path.join(tmpdir(), "tls-proxy-")));
    cert = tls.cert;
    proxy = await startTlsProxy({ upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, tls });
  });

  afterAll(async () => {
    await proxy?.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  function send(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; cookies: string[]; json: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method: "POST", headers, ca: cert }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, cookies: res.headers["set-cookie"] ?? [], json: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  it("passes the request on over http with Host kept and the forwarded headers set as Vercel sets them", async () => {
    const answer = await send(`${proxy.origin}/terms/accept?x=1`, { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "evil.example", "content-type": "text/plain" }, "agree=on");
    expect(answer.status).toBe(200);
    expect(answer.cookies).toEqual(["a=1; Secure", "b=2"]);
    expect(answer.json).toMatchObject({ method: "POST", url: "/terms/accept?x=1", body: "agree=on" });
    expect(answer.json.headers).toMatchObject({
      host: `127.0.0.1:${proxy.port}`,
      "x-forwarded-proto": "https",
      "x-forwarded-host": `127.0.0.1:${proxy.port}`,
      "x-forwarded-for": "127.0.0.1",
    });
  });

  it("answers 502 when nothing listens behind it", async () => {
    const tls = await loadOrCreateCertificate(await mkdtemp(path.join(tmpdir(), "tls-proxy-")));
    const dead = await startTlsProxy({ upstream: `http://127.0.0.1:${await freePort()}`, tls });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(`${dead.origin}/`, { ca: tls.cert }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
      expect(status).toBe(502);
    } finally {
      await dead.close();
    }
  });
});
