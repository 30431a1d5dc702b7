import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";

/**
 * A TLS-terminating reverse proxy in front of an http server, shaped like Vercel's edge in front of a function
 * (`next start` serves no TLS): https on a loopback port, the request passed on over http with `Host` kept and
 * `X-Forwarded-Proto: https`, `X-Forwarded-Host` (the host the browser asked for) and `X-Forwarded-For` set to the
 * address the connection came from, overwriting whatever the client sent, as Vercel does (one trusted hop:
 * `TRUSTED_PROXY_HOPS=1`). Bodies stream both ways; an upstream that does not answer gets a 502.
 */
export interface TlsProxy {
  /** `https://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Headers the proxy writes itself: a client's own values for them are dropped, never passed on. */
const FORWARDED = ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-for", "x-forwarded-port", "x-real-ip", "forwarded"];

export async function startTlsProxy(options: {
  /** The http server behind it, e.g. `http://127.0.0.1:PORT` of `next start`. */
  upstream: string;
  tls: { key: string; cert: string };
  /** 0 (the default) picks a free port. */
  port?: number;
}): Promise<TlsProxy> {
  const upstream = new URL(options.upstream);
  const server: Server = createServer(options.tls, (req, res) => {
    const headers: IncomingHttpHeaders = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !FORWARDED.includes(name)));
    const clientAddress = req.socket.remoteAddress ?? "";
    Object.assign(headers, {
      "x-forwarded-proto": "https",
      "x-forwarded-host": req.headers.host ?? "",
      "x-forwarded-for": clientAddress.replace(/^::ffff:/, ""),
    });
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end(`The proxy could not reach ${upstream.origin}: ${error.message}`);
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
