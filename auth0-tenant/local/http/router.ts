import { RequestError } from "../errors";
import type { HttpRequest } from "./request";
import type { Reply } from "./reply";

/** How a route renders its errors: an HTML page, OAuth JSON, Management API JSON, or plain JSON. */
export type RouteKind = "page" | "oauth" | "management" | "json";

/**
 * Who may call a route from a browser at another origin: anyone (`public`: discovery, JWKS) or the origins of the
 * client the handler identifies (`client`: it sets `corsClient`).
 */
export type CorsPolicy = "public" | "client";

export interface Route {
  methods: string[];
  /** Literal segments and `:name` parameters, e.g. `/api/v2/actions/actions/:id/deploy`. */
  path: string;
  kind: RouteKind;
  cors?: CorsPolicy;
  handle(req: HttpRequest): Promise<Reply>;
}

export type RouteMatch =
  | { status: "found"; route: Route; params: Record<string, string> }
  | { status: "preflight"; route: Route }
  | { status: "method_not_allowed"; kind: RouteKind; allowed: string[] }
  | { status: "not_found" };

export class Router {
  private readonly compiled: Array<{ route: Route; segments: string[] }>;

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: splitPath(route.path) }));
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const allowed: string[] = [];
    let kind: RouteKind | undefined;
    for (const { route, segments: pattern } of this.compiled) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (method === "OPTIONS" && route.cors) return { status: "preflight", route };
      if (route.methods.includes(method)) return { status: "found", route, params };
      allowed.push(...route.methods);
      kind ??= route.kind;
    }
    return kind ? { status: "method_not_allowed", kind, allowed } : { status: "not_found" };
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment, index, all) => segment.length > 0 || (index > 0 && index < all.length - 1));
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const value = actual[index] ?? "";
    if (expected.startsWith(":")) {
      if (value.length === 0) return undefined;
      params[expected.slice(1)] = decodeSegment(value);
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new RequestError("invalid_path", "The request path has invalid percent-encoding.", 400);
  }
}
