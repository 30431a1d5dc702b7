import { createServer, type RequestListener, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";

export interface LoopbackListener {
  port: number;
  /** Whether `::1` is served too (false on hosts without IPv6). */
  ipv6: boolean;
  close(): Promise<void>;
}

/**
 * How long an idle kept-alive connection stays open. Node's default, 5 s (advertised as `Keep-Alive: timeout=5`), is
 * far shorter than browsers keep idle connections and than Auth0's edge holds them, and close to what a client under
 * load overruns: undici drops a socket 2 s before the advertised timeout, so a client whose event loop lagged more
 * than that reused one the tenant had just closed (ECONNRESET on `POST /u/signup` in the 200-login run). A minute,
 * as load balancers commonly keep idle connections, leaves a loaded client ample margin.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Errors meaning "this host has no IPv6 loopback", after which serving 127.0.0.1 alone is right. */
const NO_IPV6 = new Set(["EADDRNOTAVAIL", "EAFNOSUPPORT", "EPROTONOSUPPORT"]);

/**
 * Listens on 127.0.0.1 and, when the host has IPv6, on ::1 with the same port, so `localhost` works whichever way it
 * resolves; never on a public interface. With port 0 a random port free on both is chosen.
 */
export async function listenOnLoopback(
  listener: RequestListener,
  port: number,
  tls?: { key: string; cert: string },
): Promise<LoopbackListener> {
  const serve = (): Server => {
    const server = tls ? createTlsServer(tls, listener) : createServer(listener);
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    // Headers of a request must be allowed to arrive for longer than a connection may sit idle before it.
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    return server;
  };
  const attempts = port === 0 ? 10 : 1;
  for (let attempt = 1; ; attempt += 1) {
    const v4 = serve();
    await listen(v4, port, "127.0.0.1");
    const actualPort = (v4.address() as { port: number }).port;
    const v6 = serve();
    try {
      await listen(v6, actualPort, "::1");
      return handle(actualPort, [v4, v6]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (NO_IPV6.has(code)) return handle(actualPort, [v4]);
      await closeServer(v4);
      // A random port free on 127.0.0.1 may be taken on ::1: pick another.
      if (code !== "EADDRINUSE" || attempt >= attempts) throw error;
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen({ port, host, ipv6Only: host === "::1" }, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

function handle(port: number, servers: Server[]): LoopbackListener {
  let closing: Promise<void> | undefined;
  return {
    port,
    ipv6: servers.length === 2,
    close: () => (closing ??= Promise.all(servers.map(closeServer)).then(() => undefined)),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
