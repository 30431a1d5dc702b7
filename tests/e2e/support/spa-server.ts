import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** The SDK's browser bundle, as a single-page app loads it from its own origin (the UMD build: `window.auth0`). */
const SDK_BUNDLE = path.join(process.cwd(), "node_modules", "@auth0", "auth0-spa-js", "dist", "auth0-spa-js.production.js");
export const SDK_PATH = "/auth0-spa-js.production.js";

/** Every path but the bundle's answers the app's one page, as a single-page app's host serves its index. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPA</title><script src="${SDK_PATH}"></script></head>
<body><h1>A single-page app</h1></body></html>`;

export interface SpaServer {
  /** `http://HOST:PORT`: the same server at two origins, `127.0.0.1` (registered on the tenant) and `localhost` (not). */
  origin(host: "127.0.0.1" | "localhost"): string;
  close(): Promise<void>;
}

/** A static single-page app on loopback, port 0: an http origin that browsers treat as secure (Web Crypto works). */
export async function startSpaServer(): Promise<SpaServer> {
  const bundle = await readFile(SDK_BUNDLE);
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://spa.invalid").pathname;
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET" }).end();
      return;
    }
    if (pathname === SDK_PATH) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(bundle);
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: (host) => `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
