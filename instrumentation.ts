/**
 * Runs once when the server starts, before it takes requests. The business-data API answers an Action that waits
 * at most 3 s: opening and migrating its database (seconds for a new embedded one) must not fall on a login.
 */
export async function register(): Promise<void> {
  // Next's own marker of the runtime (not configuration): the database drivers exist in Node.js only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareBusinessData } = await import("./lib/business-data/prepare-at-start");
  await prepareBusinessData();
}
