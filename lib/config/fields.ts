import { z } from "zod";
import { CodedError } from "../../contract/coded-error";

/** Validators shared by the app's and the tools' environments, so a variable means the same everywhere. */

export const MIN_SECRET_BYTES = 32;
export const DEFAULT_APP_PORT = 3000;
export const DEFAULT_APP_BASE_URL = `http://127.0.0.1:${DEFAULT_APP_PORT}`;

/** Without `APP_BASE_URL`, the app is where `npm run dev` listens: loopback, on `PORT`. */
export const defaultAppBaseUrl = (appPort: number | undefined) => `http://127.0.0.1:${appPort ?? DEFAULT_APP_PORT}`;
export const DEFAULT_CLAIM_NAMESPACE = "https://product-xyz.example/";

const byteLength = (value: unknown) => Buffer.byteLength(String(value), "utf8");

/**
 * A secret of at least 32 bytes; the message says how long it is, never what it is. With `requiredFor`, a missing
 * one is named with what it is for.
 */
export const secret = (requiredFor?: string) =>
  z.string(requiredFor ? { error: `is required (${requiredFor})` } : undefined).refine((value) => byteLength(value) >= MIN_SECRET_BYTES, {
    error: (issue) => `must be at least ${MIN_SECRET_BYTES} bytes (got ${byteLength(issue.input)}); generate one with: openssl rand -hex 32`,
  });

export const httpUrl = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
  error: "must be an absolute http(s) URL, e.g. https://app.example.com",
});

export const claimNamespace = httpUrl
  .refine((value) => value.endsWith("/"), { error: "must end with a slash, e.g. https://product-xyz.example/" })
  .default(DEFAULT_CLAIM_NAMESPACE);

/** `tenant.eu.auth0.com`, `https://tenant.eu.auth0.com`, or the local tenant `http://localhost:PORT`. */
export const auth0Domain = z
  .string()
  .transform((value) => (value.includes("://") ? value : `https://${value}`))
  .refine((value) => URL.canParse(value), { error: "must be a host name such as tenant.eu.auth0.com" })
  .transform((value) => new URL(value))
  .refine((url) => url.pathname === "/" && !url.search && !url.hash && !url.username, {
    error: "must be a bare host name, without path or query",
  })
  .refine((url) => url.protocol === "https:" || url.hostname === "localhost", {
    error: "must use https (plain http is only accepted for the local tenant at http://localhost:PORT)",
  });

/** A TCP port to listen on (1–65535). */
export const port = z.coerce
  .number({ error: "must be a port number" })
  .int({ error: "must be a port number" })
  .min(1, { error: "must be a port number" })
  .max(65535, { error: "must be a port number" });

export const integer = (range: { min: number; max: number; example: string }) =>
  z
    .string()
    .regex(/^[0-9]+$/, { error: `must be a whole number, e.g. ${range.example}` })
    .transform(Number)
    .refine((value) => value >= range.min && value <= range.max, { error: `must be between ${range.min} and ${range.max}` });

/** Thrown when an environment is invalid; the message names every variable at fault and what is wrong. */
export class ConfigError extends CodedError<"ERR_CONFIG_INVALID"> {
  override readonly name = "ConfigError";

  constructor(
    readonly problems: string[],
    what = "configuration",
  ) {
    super("ERR_CONFIG_INVALID", `Invalid ${what}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nSee .env.example.`);
  }
}

/**
 * Parses an environment with a schema. Empty strings count as unset, so `FOO=` in an env file behaves like no `FOO`.
 */
export function parseEnvironment<Schema extends z.ZodType>(schema: Schema, env: Record<string, string | undefined>, what?: string): z.output<Schema> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
      what,
    );
  }
  return result.data;
}
