/** What a step keeps from the Action's token, or why it refuses the token. */
export type StepIntake = { data: Record<string, string | number> } | { refusal: { title: string; message: string } };

/**
 * A step of the login that needs the user: the Action sends the browser to `${path}/start` with a token whose `step`
 * claim is `name`; the app keeps what `intake` returns in the sealed step cookie (scoped to `path`), shows its page
 * at `path`, and sends the answer back to Auth0's `/continue`.
 *
 * @example
 * const colourStep: StepDefinition = {
 *   name: "colour",
 *   path: "/colour",
 *   intake: (payload) => (typeof payload.palette === "string" ? { data: { palette: payload.palette } } : { refusal: { title: "…", message: "…" } }),
 * };
 */
export interface StepDefinition {
  name: string;
  path: string;
  intake(payload: Record<string, unknown>): StepIntake;
}
