"use client";

import { pageTitle, PRODUCT_NAME } from "@/contract/look";

/**
 * A page that failed on the server, inside the product's layout. Next logs the error on the server with its
 * `digest`, which is the reference shown here: the user quotes it, the log has the reason.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <title>{pageTitle("Something went wrong")}</title>
      <h1>Something went wrong on our side</h1>
      <p>This page could not be shown. Nothing is wrong with your account: please try again in a moment.</p>
      <div className="actions">
        <button type="button" onClick={reset}>
          Try again
        </button>
        <a href="/">Go to {PRODUCT_NAME}</a>
      </div>
      {error.digest ? (
        <p className="note">
          If this keeps happening, contact support and quote reference{" "}
          <span className="reference" data-testid="error-reference">
            {error.digest}
          </span>
          .
        </p>
      ) : null}
    </>
  );
}
