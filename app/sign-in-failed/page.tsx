export const metadata = { title: "Sign-in not completed · Product XYZ" };

/** A sign-in that failed on the way (see `lib/callback-failure.ts`): nothing was refused, so nothing is explained as a denial. */
export default function SignInFailedPage() {
  return (
    <>
      <h1>We could not complete your sign-in</h1>
      <p>Something went wrong on our side while signing you in. Nothing was refused: please try again.</p>
      <p>
        <a className="button" href="/auth/login" data-testid="sign-in-again">
          Sign in again
        </a>{" "}
        <a href="/">Back to Product XYZ</a>
      </p>
    </>
  );
}
