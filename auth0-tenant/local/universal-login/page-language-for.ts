import { pageLanguage, type PageLanguage } from "../pages/page-language";
import type { Tenant } from "../tenant";

/** The language of the tenant's pages for a login's `ui_locales` (none: the tenant's default language). */
export function pageLanguageFor(tenant: Tenant, uiLocales: readonly string[] = []): PageLanguage {
  return pageLanguage(uiLocales, tenant.stores.tenantSettings.enabledLocales());
}
