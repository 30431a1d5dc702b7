import type { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import type { TenantLog } from "../log";

/**
 * For resources whose real schema is much larger than what the local tenant models (clients, resource servers):
 * unmodelled fields are accepted, ignored and logged, so a tenant-as-code file written for Auth0 still applies.
 */
export interface Leniency {
  log: TenantLog;
  resource: string;
}

/** The JSON body, validated: a clear 400 naming the first offending field, never a crash. */
export async function readJsonBody<T>(req: HttpRequest, schema: z.ZodType<T>, lenient?: Leniency): Promise<T> {
  const body = await req.body();
  if (body.type === "form") {
    throw new ManagementApiError("invalid_body", "The Management API takes application/json bodies.", 400);
  }
  const raw = body.type === "empty" ? {} : body.value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new ManagementApiError("invalid_body", `Payload validation error: ${where}${issue?.message ?? "invalid body"}`, 400);
  }
  if (lenient) logIgnoredFields(lenient, raw, parsed.data);
  return parsed.data;
}

function logIgnoredFields(lenient: Leniency, raw: unknown, parsed: unknown): void {
  if (typeof raw !== "object" || raw === null || typeof parsed !== "object" || parsed === null) return;
  const ignored = Object.keys(raw).filter((key) => !Object.hasOwn(parsed, key));
  if (ignored.length > 0) {
    lenient.log(`management API: ${lenient.resource} fields not emulated, ignored: ${ignored.join(", ")}`);
  }
}

export function notFound(message: string, errorCode = "inexistent_resource"): ManagementApiError {
  return new ManagementApiError(errorCode, message, 404);
}
