import { createServer, type IncomingMessage } from "node:http";

export interface FetchHandlerServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Requests received, as `METHOD path`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a `(Request) => Promise<Response>` handler of `lib/` (what a Next.js route mounts) on 127.0.0.1, port 0:
 * the same code as the app's route, without a Next.js build. Request bodies are not forwarded (GET APIs only).
 *
 * @example
 * const api = await serveFetchHandler(createUsersApi({ store, accessTokens }));
 */
export async function serveFetchHandler(handler: (request: Request) => Promise<Response>): Promise<FetchHandlerServer> {
  const requests: string[] = [];
  let origin = "";
  const server = createServer((incoming: IncomingMessage, outgoing) => {
    requests.push(`${incoming.method} ${incoming.url}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    handler(new Request(new URL(incoming.url ?? "/", origin), { method: incoming.method, headers })).then(
      async (response) => {
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      },
      (error: unknown) => {
        outgoing.writeHead(500, { "content-type": "text/plain" });
        outgoing.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: origin,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
