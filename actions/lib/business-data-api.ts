import { requestJson, statusError } from "./request-json";
import { UpstreamError } from "./upstream-error";

/** What the app's `GET /api/users/{email}` answers for a customer. */
export interface BusinessData {
  plan: string;
  company: string;
  accountManager: string | null;
  seats: number;
}

/**
 * The business data the app keeps for this email (`GET {appBaseUrl}/api/users/{email}`, Bearer token with
 * `read:users`), or `undefined` when the app has none (404).
 *
 * @example
 * await fetchBusinessData({ appBaseUrl: "https://app.example", email: "demo@example.com", accessToken, signal });
 * // { plan: "enterprise", company: "Example Corp", accountManager: "sam@product-xyz.example", seats: 25 }
 * @throws {UpstreamError} on a failed call or an answer of another shape.
 */
export async function fetchBusinessData(input: {
  appBaseUrl: string;
  email: string;
  accessToken: string;
  signal: AbortSignal;
}): Promise<BusinessData | undefined> {
  const url = `${input.appBaseUrl}/api/users/${encodeURIComponent(input.email)}`;
  const response = await requestJson("the product API", url, {
    headers: { authorization: `Bearer ${input.accessToken}`, accept: "application/json" },
    signal: input.signal,
  });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw statusError("the product API", response);
  const data = asBusinessData(response.body);
  if (!data) throw new UpstreamError("ERR_UPSTREAM_INVALID_RESPONSE", "the product API answered with data of another shape");
  return data;
}

function asBusinessData(body: unknown): BusinessData | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { plan, company, accountManager, seats } = body as Record<string, unknown>;
  if (typeof plan !== "string" || typeof company !== "string") return undefined;
  if (accountManager !== null && typeof accountManager !== "string") return undefined;
  if (typeof seats !== "number" || !Number.isInteger(seats) || seats < 0) return undefined;
  return { plan, company, accountManager, seats };
}
