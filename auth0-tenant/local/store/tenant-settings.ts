import { join } from "node:path";
import { z } from "zod";
import { JsonFile } from "./json-file";

/** A new Auth0 tenant's settings (`GET /api/v2/tenants/settings`), the base every PATCH lands on. */
const DEFAULT_SETTINGS = {
  allowed_logout_urls: [],
  enabled_locales: ["en"],
  flags: {
    allow_legacy_delegation_grant_types: false,
    allow_legacy_ro_grant_types: false,
    disable_clickjack_protection_headers: false,
    enable_client_connections: true,
    enable_pipeline2: false,
    revoke_refresh_token_grant: false,
    universal_login: true,
  },
  friendly_name: "",
  picture_url: "",
  support_email: "",
  support_url: "",
  sandbox_version: "22",
  session_lifetime: 72,
  idle_session_lifetime: 72,
};

export type TenantSettings = Record<string, unknown>;

const fileSchema = z.object({ settings: z.record(z.string(), z.unknown()) });

/** The tenant's settings, kept as Auth0 returns them. The local tenant applies `default_audience` and `enabled_locales` alone. */
export class TenantSettingsStore {
  private constructor(
    private readonly file: JsonFile<z.infer<typeof fileSchema>>,
    private settings: TenantSettings,
  ) {}

  static async open(dataDir: string): Promise<TenantSettingsStore> {
    const file = new JsonFile(join(dataDir, "tenant-settings.json"), fileSchema);
    const data = await file.load();
    return new TenantSettingsStore(file, data?.settings ?? structuredClone(DEFAULT_SETTINGS));
  }

  get(): TenantSettings {
    return structuredClone(this.settings);
  }

  /** The API a login or password grant without `audience` is for, as on Auth0 (Default Audience); none when empty. */
  defaultAudience(): string | undefined {
    const audience = this.settings.default_audience;
    return typeof audience === "string" && audience.length > 0 ? audience : undefined;
  }

  /** The locales the tenant's pages may be shown in (Tenant Settings' Languages); the first is the default. */
  enabledLocales(): string[] {
    const locales = this.settings.enabled_locales;
    return Array.isArray(locales) ? locales.filter((locale): locale is string => typeof locale === "string") : [];
  }

  /** Auth0's PATCH: top-level fields replace, except `flags`, whose keys merge into the current flags. */
  async update(patch: TenantSettings): Promise<TenantSettings> {
    const { flags, ...rest } = patch;
    const currentFlags = (this.settings.flags ?? {}) as Record<string, unknown>;
    this.settings = {
      ...this.settings,
      ...rest,
      ...(flags && typeof flags === "object" ? { flags: { ...currentFlags, ...flags } } : {}),
    };
    await this.file.save({ settings: this.settings });
    return this.get();
  }
}
