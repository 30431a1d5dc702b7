"use client";

import { pageTitle } from "@/contract/look";
import { errorPageWords } from "@/lib/i18n/error-page-words";
import { usePageLocale } from "@/lib/i18n/page-locale-context";
import { ErrorView } from "@/lib/pages/error-view";

/**
 * A failure no page caught (`pageOrErrorView` catches those of the pages that read the ledger), inside the product's
 * layout, drawn in the browser. Next logs the error on the server with its `digest`, which is the reference shown
 * here: the user quotes it, the log has the reason.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = usePageLocale();
  return (
    <>
      <title>{pageTitle(errorPageWords(locale).serverError.title)}</title>
      <ErrorView locale={locale} reference={error.digest} retry={{ onClick: reset }} />
    </>
  );
}
