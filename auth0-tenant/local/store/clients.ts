import { randomBytes } from "node:crypto";
import { z } from "zod";
import { clientRefreshTokenSchema } from "./client-refresh-token";
import { Collection } from "./collection";

export const APP_TYPES = ["regular_web", "spa", "native", "non_interactive"] as const;
export const GRANT_TYPES = [
  "authorization_code",
  "implicit",
  "refresh_token",
  "client_credentials",
  "password",
  "http://auth0.com/oauth/grant-type/password-realm",
] as const;
export const TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post", "client_secret_basic", "none"] as const;

const clientFields = z.object({
  client_id: z.string(),
  client_secret: z.string(),
  name: z.string(),
  description: z.string().optional(),
  app_type: z.enum(APP_TYPES),
  callbacks: z.array(z.string()),
  allowed_logout_urls: z.array(z.string()),
  web_origins: z.array(z.string()),
  /** Allowed Origins (CORS); absent on clients stored before the tenant read it. */
  allowed_origins: z.array(z.string()).optional(),
  grant_types: z.array(z.enum(GRANT_TYPES)),
  token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS),
  client_metadata: z.record(z.string(), z.string()),
  refresh_token: clientRefreshTokenSchema.optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

export type StoredClient = z.infer<typeof clientFields>;
/** Auth0's other client fields (`jwt_configuration`, `refresh_token`, …) are kept alongside, verbatim. */
const clientSchema: z.ZodType<StoredClient> = clientFields.loose();
type OtherClientFields = Record<string, unknown>;
export type AppType = StoredClient["app_type"];
export type NewClient = Partial<Omit<StoredClient, "client_id" | "created_at" | "updated_at">> & { name: string } & OtherClientFields;
/** A field set to `undefined` is left as it is. */
export type ClientChanges = Partial<Omit<StoredClient, "client_id" | "created_at" | "updated_at">> & OtherClientFields;

/** Auth0's defaults per application type. */
const DEFAULT_GRANT_TYPES: Record<AppType, StoredClient["grant_types"]> = {
  regular_web: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
  spa: ["authorization_code", "implicit", "refresh_token"],
  native: ["authorization_code", "implicit", "refresh_token"],
  non_interactive: ["client_credentials"],
};

export class ClientStore {
  private constructor(
    private readonly clients: Collection<StoredClient>,
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number): Promise<ClientStore> {
    return new ClientStore(await Collection.open(dataDir, "clients", clientSchema, "client_id"), now);
  }

  list(): StoredClient[] {
    return this.clients.list();
  }

  get(clientId: string): StoredClient | undefined {
    return this.clients.get(clientId);
  }

  async create(input: NewClient): Promise<StoredClient> {
    const appType = input.app_type ?? "regular_web";
    const timestamp = new Date(this.now()).toISOString();
    return this.clients.insert({
      ...input,
      client_id: randomBytes(16).toString("base64url"),
      client_secret: input.client_secret ?? randomBytes(48).toString("base64url"),
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      app_type: appType,
      callbacks: input.callbacks ?? [],
      allowed_logout_urls: input.allowed_logout_urls ?? [],
      web_origins: input.web_origins ?? [],
      grant_types: input.grant_types ?? DEFAULT_GRANT_TYPES[appType],
      token_endpoint_auth_method: input.token_endpoint_auth_method ?? "client_secret_post",
      client_metadata: input.client_metadata ?? {},
      ...(input.refresh_token ? { refresh_token: input.refresh_token } : {}),
      created_at: timestamp,
      updated_at: timestamp,
    });
  }

  async update(clientId: string, changes: ClientChanges): Promise<StoredClient | undefined> {
    const current = this.clients.get(clientId);
    if (!current) return undefined;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const next = { ...current, ...defined, updated_at: new Date(this.now()).toISOString() };
    return this.clients.replace(clientId, next);
  }

  delete(clientId: string): Promise<boolean> {
    return this.clients.remove(clientId);
  }
}
