import { errorPageWords } from "@/lib/i18n/error-page-words";
import { requestPageLocale } from "@/lib/i18n/request-locale";

export async function generateMetadata() {
  return { title: errorPageWords(await requestPageLocale()).signInFailed.title };
}

/** A sign-in that failed on the way (see `lib/callback-failure.ts`): nothing was refused, so nothing is explained as a denial. */
export default async function SignInFailedPage() {
  const words = errorPageWords(await requestPageLocale());
  return (
    <>
      <h1>{words.signInFailed.heading}</h1>
      <p>{words.signInFailed.message}</p>
      <div className="actions">
        <a className="button" href="/auth/login" data-testid="sign-in-again">
          {words.signInFailed.signInAgain}
        </a>{" "}
        <a href="/">{words.backToProduct}</a>
      </div>
    </>
  );
}
