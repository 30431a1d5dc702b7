import { ManagementApiError } from "../errors";

export interface PageRequest {
  page: number;
  perPage: number;
  includeTotals: boolean;
  paged: boolean;
}

/** `page`, `per_page` (≤ 100) and `include_totals`, as the Management API reads them. */
export function readPageRequest(query: Record<string, string>, defaultPerPage: number): PageRequest {
  const page = readInt(query, "page", 0);
  const perPage = readInt(query, "per_page", defaultPerPage);
  if (perPage < 1 || perPage > 100) throw new ManagementApiError("invalid_query_string", "per_page must be between 1 and 100", 400);
  return {
    page,
    perPage,
    includeTotals: query.include_totals === "true",
    paged: query.page !== undefined || query.per_page !== undefined,
  };
}

export function pageOf<T>(items: T[], request: PageRequest): T[] {
  return items.slice(request.page * request.perPage, (request.page + 1) * request.perPage);
}

/** Lists that Auth0 returns as a bare array unless `include_totals=true` (clients, resource servers, grants). */
export function listResponse<T>(items: T[], query: Record<string, string>, key: string): unknown {
  const request = readPageRequest(query, 50);
  const selected = request.paged || request.includeTotals ? pageOf(items, request) : items;
  if (!request.includeTotals) return selected;
  return { total: items.length, start: request.page * request.perPage, limit: request.perPage, [key]: selected };
}

function readInt(query: Record<string, string>, name: string, fallback: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ManagementApiError("invalid_query_string", `${name} must be a non-negative integer`, 400);
  }
  return value;
}
