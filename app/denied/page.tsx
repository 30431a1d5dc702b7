import { PRODUCT_NAME } from "@/contract/look";
import { describeDenial } from "@/lib/denied-reasons";

export const metadata = { title: "Sign-in not completed" };

/**
 * Only our own texts, chosen by the reason: nothing of the address is shown, so a crafted link cannot put its
 * words on our page ("call this number…").
 */
export default async function DeniedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const { title, message } = describeDenial(reason);
  return (
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      <div className="actions">
        <a className="button" href="/auth/login?prompt=login">
          Sign in again
        </a>{" "}
        <a href="/">Back to {PRODUCT_NAME}</a>
      </div>
    </>
  );
}
