import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/** A WHATWG handler, the shape of a Next.js route handler and of `handleTermsAnswer` (the shared step handlers take the step too). */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * The least that serves WHATWG handlers on `node:http`: the benchmark's limit for the same code that Next.js runs.
 * Routes are keyed `"METHOD /path"`, matched exactly; anything else is 404.
 */
export function nodeListener(routes: Readonly<Record<string, FetchHandler>>): RequestListener {
  return (req, res) => {
    handle(routes, req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}

async function handle(routes: Readonly<Record<string, FetchHandler>>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const handler = routes[`${req.method} ${url.pathname}`];
  if (!handler) {
    res.statusCode = 404;
    res.end();
    return;
  }
  await writeResponse(await handler(toRequest(req, url)), res);
}

function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    headers.append(req.rawHeaders[index] ?? "", req.rawHeaders[index + 1] ?? "");
  }
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  // The body is streamed, not buffered here, so the handler's own size bound (readForm) is what limits it.
  const init: RequestInit & { duplex: "half" } = {
    method,
    headers,
    body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>,
    duplex: "half",
  };
  return new Request(url, init);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  // Our responses are small pages and redirects, complete when returned: one write.
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}
