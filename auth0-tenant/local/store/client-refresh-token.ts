import { z } from "zod";

/**
 * A client's `refresh_token` settings, Auth0's Management API shape. Seconds throughout; `leeway` is the rotation's
 * reuse interval. Auth0 requires `expiring` for `rotating`.
 */
export const clientRefreshTokenSchema = z
  .object({
    rotation_type: z.enum(["rotating", "non-rotating"]),
    expiration_type: z.enum(["expiring", "non-expiring"]),
    leeway: z.number().int().min(0).optional(),
    token_lifetime: z.number().int().min(1).optional(),
    infinite_token_lifetime: z.boolean().optional(),
    idle_token_lifetime: z.number().int().min(1).optional(),
    infinite_idle_token_lifetime: z.boolean().optional(),
    policies: z.array(z.object({ audience: z.string(), scope: z.array(z.string()) })).optional(),
  })
  .refine((value) => value.rotation_type !== "rotating" || value.expiration_type === "expiring", {
    message: "rotating refresh tokens must be expiring (expiration_type: expiring)",
  });

export type ClientRefreshTokenSettings = z.infer<typeof clientRefreshTokenSchema>;

/** Auth0's defaults for a client created through the Management API without `refresh_token`. */
export const DEFAULT_CLIENT_REFRESH_TOKEN: ClientRefreshTokenSettings = {
  rotation_type: "non-rotating",
  expiration_type: "non-expiring",
  leeway: 0,
  token_lifetime: 2_592_000,
  infinite_token_lifetime: true,
  idle_token_lifetime: 1_296_000,
  infinite_idle_token_lifetime: true,
};
