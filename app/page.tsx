import { connection } from "next/server";
import { auth0 } from "@/lib/auth0";
import { getConfig } from "@/lib/config";
import { PROFILE_FIELDS } from "@/lib/login-steps/profile/profile-fields";
import { productView } from "@/lib/product-view";

const PROFILE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(PROFILE_FIELDS).map(([name, field]) => [name, field.label]));

/** A list as the page shows it: "none" for an empty one, "not available" when the login brought no such claim. */
function listText(values: string[] | undefined): string {
  if (values === undefined) return "not available";
  return values.length === 0 ? "none" : values.join(", ");
}

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
  const business = view.business;
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
        <dt>Groups</dt>
        <dd data-testid="groups">{listText(view.groups)}</dd>
        <dt>Roles</dt>
        <dd data-testid="roles">{listText(view.roles)}</dd>
        <dt>Profile</dt>
        <dd data-testid="profile">
          {view.profile && Object.keys(view.profile).length > 0
            ? Object.entries(view.profile)
                .map(([field, value]) => `${PROFILE_LABELS[field] ?? field}: ${value}`)
                .join(", ")
            : "not completed"}
        </dd>
      </dl>
      <h2>Your account</h2>
      {business ? (
        <dl data-testid="business-data">
          <dt>Plan</dt>
          <dd data-testid="business-plan">{business.plan ?? "—"}</dd>
          <dt>Company</dt>
          <dd data-testid="business-company">{business.company ?? "—"}</dd>
          <dt>Account manager</dt>
          <dd data-testid="business-account-manager">{business.accountManager ?? "—"}</dd>
          <dt>Seats</dt>
          <dd data-testid="business-seats">{business.seats ?? "—"}</dd>
        </dl>
      ) : (
        <p data-testid="no-business-data">No business data came with this sign-in.</p>
      )}
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
        <a href="/account/consents">Your answers to the terms of use</a> · <a href="/auth/logout">Sign out</a>
      </p>
    </>
  );
}
