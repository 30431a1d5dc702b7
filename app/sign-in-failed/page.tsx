import { PRODUCT_NAME } from "@/contract/look";

export const metadata = { title: "Sign-in not completed" };

/** A sign-in that failed on the way (see `lib/callback-failure.ts`): nothing was refused, so nothing is explained as a denial. */
export default function SignInFailedPage() {
  return (
    <>
      <h1>We could not complete your sign-in</h1>
      <p>Something went wrong on our side while signing you in. Nothing was refused: please try again.</p>
      <div className="actions">
        <a className="button" href="/auth/login" data-testid="sign-in-again">
          Sign in again
        </a>{" "}
        <a href="/">Back to {PRODUCT_NAME}</a>
      </div>
    </>
  );
}
