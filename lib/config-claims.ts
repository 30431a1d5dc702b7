import { z } from "zod";

/**
 * Environment of the claim Actions' failure policy, read by the tenant sync (which writes them as the Actions'
 * GROUPS_REQUIRED and BUSINESS_DATA_REQUIRED secrets). To be merged into `lib/config.ts`.
 *
 * `false` (the default): when the Management API or the product API fails, is rate limited or slow, the login
 * goes on without the claim (logged). `true`: the login is denied, and the app explains why.
 */
const flag = (name: string) =>
  z
    .enum(["true", "false"], { error: `must be true or false (deny logins when the ${name} cannot be read)` })
    .default("false")
    .transform((value) => value === "true");

export const claimsEnvShape = {
  GROUPS_REQUIRED: flag("groups claim"),
  BUSINESS_DATA_REQUIRED: flag("business-data claims"),
};

const schema = z.object(claimsEnvShape);

export interface ClaimsConfig {
  groupsRequired: boolean;
  businessDataRequired: boolean;
}

/** Thrown for an invalid value; the message names the variable. */
export class ClaimsConfigError extends Error {
  readonly code = "ERR_CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ClaimsConfigError";
  }
}

/**
 * Validates the variables. Pure; empty strings count as unset.
 *
 * @example
 * parseClaimsConfig({ GROUPS_REQUIRED: "true" }); // { groupsRequired: true, businessDataRequired: false }
 */
export function parseClaimsConfig(env: Record<string, string | undefined>): ClaimsConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ClaimsConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  return { groupsRequired: result.data.GROUPS_REQUIRED, businessDataRequired: result.data.BUSINESS_DATA_REQUIRED };
}
