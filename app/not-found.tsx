import { PRODUCT_NAME } from "@/contract/look";

export const metadata = { title: "Page not found" };

/** Any address the app does not serve, in the product's look rather than the framework's. */
export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <div className="actions">
        <a className="button" href="/">
          Go to {PRODUCT_NAME}
        </a>
      </div>
    </>
  );
}
