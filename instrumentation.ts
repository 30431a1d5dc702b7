/** Runs once when the server starts, before it takes requests: the app's databases are opened and migrated. */
export async function register(): Promise<void> {
  // Next's own marker of the runtime (set by Next, not configuration): the database drivers exist in Node.js only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareAtStart } = await import("./lib/prepare-at-start");
  await prepareAtStart();
}
