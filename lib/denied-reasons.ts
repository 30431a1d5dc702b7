import { DENIALS, isDenyReason } from "../contract/denials";

/** The words for a reason the contract does not know (`contract/denials.ts` explains each reason an Action gives). */
const GENERIC = {
  title: "Sign-in was not completed",
  message: "Your sign-in could not be completed. Sign in again, and contact support if it keeps happening.",
};

/** The denied page's path for an OAuth error code and description from the callback. */
export function deniedPagePath(code: string | undefined, description: string | undefined): string {
  const params = new URLSearchParams({ error: code ?? "unknown_error" });
  if (description) params.set("reason", description.slice(0, 200));
  return `/denied?${params.toString()}`;
}

/** What to show for a reason; an unknown reason gets the generic text, never its own words. */
export function describeDenial(reason: string | undefined): { title: string; message: string; known: boolean } {
  return reason && isDenyReason(reason) ? { ...DENIALS[reason], known: true } : { ...GENERIC, known: false };
}
