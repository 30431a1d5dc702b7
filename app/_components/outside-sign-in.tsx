/** What a step's page shows when it is opened outside a sign-in (no step cookie, or an expired one). */
export function OutsideSignIn({ title, reason }: { title: string; reason: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>This page is part of signing in: you arrive here when {reason}.</p>
      <p>
        <a className="button" href="/auth/login">
          Sign in
        </a>
      </p>
    </>
  );
}
