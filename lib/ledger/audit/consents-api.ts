import { PRODUCT_API } from "../../../contract/product-api";
import { getConfig } from "../../config";
import { accessTokenErrorResponse } from "../../api-auth/bearer-response";
import { isAccessTokenError } from "../../api-auth/errors";
import { hasCode } from "../../errors/has-code";
import { requestQuery } from "../../http/raw-query";
import { accessTokenOptionsFrom, verifyAccessToken, type AccessRequirement, type AccessTokenOptions } from "../../api-auth/verify-access-token";
import type { ConsentLedger } from "../consent-ledger";
import { encodeCursor } from "../cursor";
import type { DatabaseUnavailableError } from "../../database/errors";
import { processLedger } from "../process-ledger";
import type { ConsentRecord } from "../records";
import { consentsCsv } from "./consents-csv";
import { CONSENTS_PARAMS_ERROR, consentsParams, type ConsentsParamsError } from "./consents-params";

/** Who may read the ledger: a client or user granted `read:consents`, or a person with the `consent-auditor` role. */
export const READ_CONSENTS: AccessRequirement = { scope: PRODUCT_API.scopes.readConsents, role: PRODUCT_API.auditorRole };

export interface ConsentsApiDependencies {
  ledger: ConsentLedger;
  accessTokens: AccessTokenOptions;
}

const JSON_TYPE = "application/json; charset=utf-8";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE, "cache-control": "no-store", ...headers } });
}

function recordJson(record: ConsentRecord) {
  return {
    id: record.id,
    recorded_at: record.recordedAt,
    user_id: record.userId,
    terms_version: record.termsVersion,
    terms_sha256: record.termsSha256,
    terms_language: record.termsLanguage,
    decision: record.decision,
    client_id: record.clientId,
    ip_address: record.ipAddress,
    user_agent: record.userAgent,
  };
}

/**
 * `GET /api/consents`: the auditor's view of the ledger, oldest first, as JSON (default) or CSV, one page at a
 * time. The next page's address is in the `Link` header (`rel="next"`) and, in JSON, in `next_cursor`.
 *
 * @example
 * // app/api/consents/route.ts
 * export const GET = createConsentsApi({ ledger, accessTokens });
 */
export function createConsentsApi(dependencies: ConsentsApiDependencies): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      await verifyAccessToken(request.headers.get("authorization"), READ_CONSENTS, dependencies.accessTokens);
    } catch (error) {
      if (isAccessTokenError(error)) {
        return accessTokenErrorResponse(error, { realm: dependencies.accessTokens.audience, scope: READ_CONSENTS.scope });
      }
      throw error;
    }
    const url = new URL(request.url);
    let params;
    try {
      params = consentsParams(requestQuery(request), request.headers.get("accept"));
    } catch (error) {
      if (hasCode<ConsentsParamsError>(error, CONSENTS_PARAMS_ERROR)) return json(400, { error: "invalid_request", error_description: error.message });
      throw error;
    }
    let page;
    try {
      page = await dependencies.ledger.list(params.query);
    } catch (error) {
      if (hasCode<DatabaseUnavailableError>(error, "ERR_DATABASE_UNAVAILABLE")) {
        return json(503, { error: "temporarily_unavailable", error_description: "The consent ledger is not reachable; try again." }, { "retry-after": "5" });
      }
      throw error;
    }
    const nextCursor = page.next ? encodeCursor(page.next) : null;
    const headers: Record<string, string> = { "cache-control": "no-store", vary: "Accept, Authorization" };
    if (nextCursor) {
      const next = new URL(url);
      next.searchParams.set("cursor", nextCursor);
      headers.link = `<${next.pathname}${next.search}>; rel="next"`;
    }
    if (params.format === "csv") {
      return new Response(consentsCsv(page.records), {
        status: 200,
        headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="consents.csv"' },
      });
    }
    return json(200, { records: page.records.map(recordJson), next_cursor: nextCursor }, headers);
  };
}

let handler: ((request: Request) => Promise<Response>) | undefined;

/**
 * The endpoint of this process: its ledger, and the tenant's keys for its product API.
 *
 * @example
 * export const GET = (request: Request) => consentsApi(request);
 */
export function consentsApi(request: Request): Promise<Response> {
  const config = getConfig();
  handler ??= createConsentsApi({ ledger: processLedger(config), accessTokens: accessTokenOptionsFrom(config) });
  return handler(request);
}
