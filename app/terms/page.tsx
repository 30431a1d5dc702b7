import { cookies } from "next/headers";
import { OutsideSignIn } from "@/app/_components/outside-sign-in";
import { consentSettings } from "@/lib/consent/settings";
import { STEP_COOKIE_NAME, unsealStepSession } from "@/lib/consent/step-cookie";
import { AGREEMENT_REQUIRED } from "@/lib/consent/terms-answer";
import { termsDocuments } from "@/lib/terms/documents";

export const metadata = { title: "Terms of use · Product XYZ" };

/** The terms step. Plain HTML forms: it works with JavaScript off and ships no script of its own. */
export default async function TermsPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const session = await unsealStepSession((await cookies()).get(STEP_COOKIE_NAME)?.value, consentSettings().cookiePassword);
  const document = session?.step === "terms" ? termsDocuments().get(Number(session.data.termsVersion)) : undefined;
  if (!document) return <OutsideSignIn title="Terms of use" reason="there are terms of use for you to accept" />;
  return (
    <>
      <article className="terms" dangerouslySetInnerHTML={{ __html: document.html }} />
      {error === AGREEMENT_REQUIRED && (
        <p className="error" role="alert">
          To accept, tick the box that says you have read and agree to the terms.
        </p>
      )}
      <div className="actions">
        <form method="post" action="/terms/accept">
          <p>
            <label>
              <input type="checkbox" name="agree" value="yes" required /> I have read and agree to the terms of use
              (version {document.version})
            </label>
          </p>
          <button type="submit">Accept</button>
        </form>
        <form method="post" action="/terms/decline">
          <p>&nbsp;</p>
          <button type="submit" className="secondary">
            Decline
          </button>
        </form>
      </div>
    </>
  );
}
