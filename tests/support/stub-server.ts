import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** A request as the stub received it, body read. */
export interface StubRequest {
  method: string;
  /** Path and query, as sent (still URL-encoded). */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type StubReply =
  | { status: number; json?: unknown; headers?: Record<string, string> }
  /** Never answers: plays a service that hangs. */
  | "hang";

export interface StubServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request received, in order. */
  requests: StubRequest[];
  /** Replaces how the stub answers. */
  handle(handler: (request: StubRequest) => StubReply): void;
  close(): Promise<void>;
}

/**
 * A tiny HTTP server on 127.0.0.1, port 0, standing in for a service an Action calls (the tenant's token endpoint
 * and Management API, the app's API): answers what the test says, records what it was asked.
 *
 * @example
 * const stub = await startStubServer((request) => ({ status: 429, json: { error: "too_many_requests" } }));
 */
export async function startStubServer(initial: (request: StubRequest) => StubReply): Promise<StubServer> {
  let handler = initial;
  const requests: StubRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = { method: incoming.method ?? "GET", url: incoming.url ?? "/", headers: incoming.headers, body: Buffer.concat(chunks).toString() };
      requests.push(request);
      const reply = handler(request);
      if (reply === "hang") {
        hanging.add(response);
        return;
      }
      response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      response.end(reply.json === undefined ? "" : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
