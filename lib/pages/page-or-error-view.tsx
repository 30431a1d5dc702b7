import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { newReference } from "../http/error-page";
import { requestPageLocale } from "../i18n/request-locale";
import { ErrorView } from "./error-view";

/**
 * The page `render` draws, or, when it fails unexpectedly, the error view in its place, drawn on the server with a
 * reference whose reason goes to the log. Next would answer such a failure with a 500 whose document is empty
 * (`<html id="__next_error__">`) and draw app/error.tsx in the browser only: a reader without JavaScript saw a blank
 * page. The price is the status: the view is the page's content, so it is answered 200 (Next sets a status only for
 * a failure before any content, and offers none to set from a page). Next's own signals (`redirect`, `notFound`,
 * dynamic rendering) pass through.
 */
export async function pageOrErrorView(path: string, render: () => Promise<ReactNode>): Promise<ReactNode> {
  try {
    return await render();
  } catch (error) {
    unstable_rethrow(error);
    const reference = newReference();
    console.error(`[page] ${path} failed, reference ${reference}:`, error);
    return <ErrorView locale={await requestPageLocale()} reference={reference} retry={{ href: path }} />;
  }
}
