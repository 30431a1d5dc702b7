"use client";

import { BRAND_HTML, FAVICON_HREF, LOOK_CSS, pageTitle } from "@/contract/look";

/** When the root layout itself fails: the same look, drawn without it. The reference is Next's logged `digest`. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <head>
        <title>{pageTitle("Something went wrong")}</title>
        <link rel="icon" href={FAVICON_HREF} />
        <style>{LOOK_CSS}</style>
      </head>
      <body>
        <main>
          <div dangerouslySetInnerHTML={{ __html: BRAND_HTML }} />
          <h1>Something went wrong on our side</h1>
          <p>Please try again in a moment. Nothing is wrong with your account.</p>
          <div className="actions">
            <a className="button" href="/">
              Try again
            </a>
          </div>
          {error.digest ? (
            <p className="note">
              If this keeps happening, contact support and quote reference <span className="reference">{error.digest}</span>.
            </p>
          ) : null}
        </main>
      </body>
    </html>
  );
}
