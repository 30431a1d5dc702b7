/** The app's hand-off form to Auth0's `/continue` in a page: its action and hidden fields, `undefined` where absent. */
export function handOffForm(html: string): { action?: string; state?: string; session_token?: string } {
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return { action: /<form method="post" action="([^"]*)"/.exec(html)?.[1], state: field("state"), session_token: field("session_token") };
}

/** The fields of the app's hand-off form to Auth0's `/continue` (`state`, `session_token`). */
export async function handOffFields(response: Response): Promise<{ state: string; session_token: string }> {
  const { state, session_token } = handOffForm(await response.text());
  if (state === undefined || session_token === undefined) {
    throw new Error(`no ${state === undefined ? "state" : "session_token"} in the hand-off page (status ${response.status})`);
  }
  return { state, session_token };
}
