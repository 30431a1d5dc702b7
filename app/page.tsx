import { connection } from "next/server";
import { auth0 } from "@/lib/auth0";
import { getConfig } from "@/lib/config";
import { productView } from "@/lib/product-view";

export default async function ProductPage() {
  // Per-user page, rendered at request time only (never at build, which has no secrets).
  await connection();
  const session = await auth0().getSession();
  if (!session) {
    return (
      <>
        <h1>Product XYZ</h1>
        <p>Sign in to use Product XYZ.</p>
        {/* A plain link, not <Link>: the SDK answers prefetches of /auth/login with 204. */}
        <a className="button" href="/auth/login">
          Sign in
        </a>
      </>
    );
  }
  const view = productView(session.user, getConfig().claimNamespace);
  return (
    <>
      <h1>Product XYZ</h1>
      <p>
        Signed in as <strong data-testid="user-email">{view.email ?? view.sub}</strong>
      </p>
      <dl>
        <dt>User id</dt>
        <dd data-testid="user-id">{view.sub}</dd>
        <dt>Terms of use</dt>
        <dd data-testid="terms-version">
          {view.termsVersion === undefined ? "not accepted" : `version ${view.termsVersion} accepted`}
        </dd>
      </dl>
      <h2>Claims in your ID token</h2>
      <dl data-testid="claims">
        {Object.entries(view.claims).map(([name, value]) => (
          <div key={name} style={{ display: "contents" }}>
            <dt>{name}</dt>
            <dd>{JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href="/auth/logout">Sign out</a>
      </p>
    </>
  );
}
