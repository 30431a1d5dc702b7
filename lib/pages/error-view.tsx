import { errorPageWords } from "../i18n/error-page-words";
import type { Locale } from "../i18n/locales";

/** How the view offers to try again: a link to the page, drawn on the server; or React's `reset`, in the browser. */
export type Retry = { href: string } | { onClick: () => void };

/**
 * A page that failed, in the product's look and the reader's words: what happened, what to do, and the reference the
 * log holds the reason under. No hooks: the server draws it in place of a page (`pageOrErrorView`), the browser in
 * app/error.tsx. No `<title>`: drawn in place of a page, the page's own title is already in the document's head.
 */
export function ErrorView({ locale, reference, retry }: { locale: Locale; reference?: string; retry: Retry }) {
  const words = errorPageWords(locale);
  return (
    <>
      <h1>{words.serverError.heading}</h1>
      <p>{words.serverError.message}</p>
      <div className="actions">
        {"href" in retry ? (
          <a className="button" href={retry.href}>
            {words.serverError.tryAgain}
          </a>
        ) : (
          <button type="button" onClick={retry.onClick}>
            {words.serverError.tryAgain}
          </button>
        )}
        <a href="/">{words.goToProduct}</a>
      </div>
      {reference ? (
        <p className="note">
          {words.quoteReference.before}
          <span className="reference" data-testid="error-reference">
            {reference}
          </span>
          {words.quoteReference.after}
        </p>
      ) : null}
    </>
  );
}
