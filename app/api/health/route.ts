/**
 * `GET /api/health`: answers `ok`. Also the framework's floor in `npm run bench`: a route handler that does nothing,
 * so keep it trivial. Dynamic, so that it runs on every request like the terms routes instead of being prerendered.
 */
export const dynamic = "force-dynamic";

export const GET = () => new Response("ok", { headers: { "content-type": "text/plain; charset=utf-8" } });
