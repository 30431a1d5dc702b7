import type { ReactNode } from "react";
import { FAVICON_HREF, LOGO_SVG, LOOK_CSS, PRODUCT_NAME } from "@/contract/look";
import { PageLocaleProvider } from "@/lib/i18n/page-locale-context";
import { requestPageLocale } from "@/lib/i18n/request-locale";

export const metadata = {
  title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` },
  icons: { icon: FAVICON_HREF },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestPageLocale();
  return (
    <html lang={locale}>
      <head>
        <style>{LOOK_CSS}</style>
      </head>
      <body>
        <main className="wide">
          <p className="brand">
            <span dangerouslySetInnerHTML={{ __html: LOGO_SVG }} />
            <span>{PRODUCT_NAME}</span>
          </p>
          <PageLocaleProvider locale={locale}>{children}</PageLocaleProvider>
        </main>
      </body>
    </html>
  );
}
