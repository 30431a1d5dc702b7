import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { RequestError } from "../errors";
import type { StoredClient } from "../store/clients";
import { parseCookies } from "./cookies";

/** Bodies above this are refused with 413 (an Action's code is at most 100 kB; JSON escaping can double it). */
const MAX_BODY_BYTES = 1024 * 1024;

export type ParsedBody =
  | { type: "form"; fields: Record<string, string> }
  | { type: "json"; value: unknown }
  | { type: "empty" };

/** The parts of an HTTP request the handlers read; the body is read lazily and at most once. */
export interface HttpRequest {
  method: string;
  path: string;
  /** First value of each query parameter. */
  query: Record<string, string>;
  /** The query as sent, for handlers that must refuse repeated parameters. */
  searchParams: URLSearchParams;
  headers: IncomingHttpHeaders;
  cookies: Record<string, string>;
  ip: string;
  /** The Host header, e.g. `localhost:4000` (`event.request.hostname`). */
  host: string;
  userAgent?: string;
  language?: string;
  /** Whether it came over TLS (the https tenant, or the Management API's port). */
  tls: boolean;
  /** Path parameters of the matched route, percent-decoded. */
  params: Record<string, string>;
  /** The client a `cors: "client"` route's handler identified: its origins may read the answer (`withCorsHeaders`). */
  corsClient?: StoredClient;
  body(): Promise<ParsedBody>;
}

export function toHttpRequest(req: IncomingMessage, fallbackHost: string): HttpRequest {
  const url = new URL(req.url ?? "/", "http://local-tenant.invalid");
  let bodyPromise: Promise<ParsedBody> | undefined;
  const language = req.headers["accept-language"]?.split(",")[0]?.split(";")[0]?.trim();
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: firstValues(url.searchParams),
    searchParams: url.searchParams,
    headers: req.headers,
    cookies: parseCookies(req.headers.cookie),
    ip: normaliseIp(req.socket.remoteAddress),
    host: req.headers.host ?? fallbackHost,
    ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
    ...(language ? { language } : {}),
    tls: (req.socket as TLSSocket).encrypted === true,
    params: {},
    body: () => (bodyPromise ??= readBody(req)),
  };
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of params) if (!Object.hasOwn(values, name)) values[name] = value;
  return values;
}

/** A form body's fields, or a JSON body's top-level string-convertible fields (for endpoints accepting both). */
export function bodyFields(body: ParsedBody): Record<string, string> {
  if (body.type === "form") return body.fields;
  if (body.type === "empty") return {};
  if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) {
    throw new RequestError("invalid_body", "The JSON body must be an object.", 400);
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body.value)) {
    if (typeof value === "string") fields[name] = value;
    else if (typeof value === "number" || typeof value === "boolean") fields[name] = String(value);
  }
  return fields;
}

async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const text = await readText(req);
  if (text.length === 0) return { type: "empty" };
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType === "application/x-www-form-urlencoded") {
    return { type: "form", fields: firstValues(new URLSearchParams(text)) };
  }
  if (contentType === "application/json") {
    try {
      return { type: "json", value: JSON.parse(text) };
    } catch {
      throw new RequestError("invalid_body", "The request body is not valid JSON.", 400);
    }
  }
  throw new RequestError(
    "unsupported_media_type",
    "The body must be application/x-www-form-urlencoded or application/json.",
    415,
  );
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        reject(new RequestError("body_too_large", `The request body exceeds ${MAX_BODY_BYTES} bytes.`, 413));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!refused) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (error) => reject(new RequestError("body_unreadable", error.message, 400)));
  });
}

function normaliseIp(address: string | undefined): string {
  if (!address) return "";
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}
