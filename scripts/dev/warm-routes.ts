/**
 * The routes an Action calls during a login (from Auth0's servers, or the local tenant's runtime), and the step
 * routes the browser is sent to. `next dev` compiles a route on its first request, which can take longer than an
 * Action's 3 s deadline: requesting each once before the app is announced as ready spends no login's deadline on it.
 * Each answers without a token (401, 400, 405, a redirect): only the compile matters.
 */
export const ROUTES_TO_WARM = [
  "/api/users/warm-up%40example.invalid",
  "/terms/start",
  "/terms",
  "/terms/accept",
  "/terms/decline",
  "/profile/start",
  "/profile",
  "/profile/save",
  // The Auth0 SDK's routes live in proxy.ts, compiled with the first request it matches: one that logs nothing
  // (a callback without state would log a failed sign-in at every start).
  "/auth/profile",
  "/",
] as const;

const RETRY_MS = 250;

/** Waits until `next dev` answers on `origin`, or `child` exits first (then rejects), for at most `timeoutMs`. */
export async function waitUntilListening(origin: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  for (;;) {
    if (gone !== undefined) throw new Error(`next dev exited (code ${gone}) before it answered on ${origin}`);
    try {
      const response = await fetch(`${origin}/api/health`, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`next dev did not answer on ${origin} within ${timeoutMs / 1000} s`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

/** Requests each route once, all at a time (Turbopack compiles them together); resolves when all have answered. */
export async function warmRoutes(origin: string, timeoutMs: number): Promise<void> {
  await Promise.all(
    ROUTES_TO_WARM.map(async (route) => {
      const response = await fetch(`${origin}${route}`, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
    }),
  );
}
