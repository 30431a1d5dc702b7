"use client";

import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_LOCALE, type Locale } from "./locales";

const PageLocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** The root layout's language (`requestPageLocale`), for what the browser draws alone: app/error.tsx. */
export function PageLocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <PageLocaleContext value={locale}>{children}</PageLocaleContext>;
}

export function usePageLocale(): Locale {
  return useContext(PageLocaleContext);
}
