/**
 * The stable reasons our Actions pass to `api.access.deny`, and what the app tells the user for each.
 * Auth0 sends the reason back as `error_description`.
 */
const MESSAGES: Record<string, { title: string; message: string }> = {
  terms_declined: {
    title: "You declined the terms of use",
    message: "You can use Product XYZ once you accept its terms. Sign in again whenever you are ready.",
  },
  terms_acceptance_required: {
    title: "Please accept the terms of use first",
    message: "This application cannot show you the terms. Sign in to Product XYZ in your browser and accept them, then try again.",
  },
  terms_version_mismatch: {
    title: "The terms changed while you were signing in",
    message: "Sign in again to read and accept the current version.",
  },
};

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

/** What to show for a reason; unknown reasons get a generic text (the reason is shown as a plain code). */
export function describeDenial(reason: string | undefined): { title: string; message: string; known: boolean } {
  const known = reason ? MESSAGES[reason] : undefined;
  return known ? { ...known, known: true } : { ...GENERIC, known: false };
}
