import { errorPageWords } from "@/lib/i18n/error-page-words";
import { requestPageLocale } from "@/lib/i18n/request-locale";

export async function generateMetadata() {
  return { title: errorPageWords(await requestPageLocale()).notFound.title };
}

/** Any address the app does not serve, in the product's look and the reader's language rather than the framework's. */
export default async function NotFound() {
  const words = errorPageWords(await requestPageLocale());
  return (
    <>
      <h1>{words.notFound.heading}</h1>
      <p>{words.notFound.message}</p>
      <div className="actions">
        <a className="button" href="/">
          {words.goToProduct}
        </a>
      </div>
    </>
  );
}
