import { describeDenial } from "@/lib/denied-reasons";

export const metadata = { title: "Sign-in not completed · Product XYZ" };

export default async function DeniedPage({ searchParams }: { searchParams: Promise<{ error?: string; reason?: string }> }) {
  const { error, reason } = await searchParams;
  const { title, message, known } = describeDenial(reason);
  return (
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      {!known && (reason || error) && (
        <p>
          Reason: <code>{(reason ?? error ?? "").slice(0, 200)}</code>
        </p>
      )}
      <p>
        <a className="button" href="/auth/login?prompt=login">
          Sign in again
        </a>{" "}
        <a href="/">Back to Product XYZ</a>
      </p>
    </>
  );
}
