/** The fields of the app's hand-off form to Auth0's `/continue` (`state`, `session_token`). */
export async function handOffFields(response: Response): Promise<{ state: string; session_token: string }> {
  const html = await response.text();
  const field = (name: string) => {
    const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
    if (value === undefined) throw new Error(`no ${name} in the hand-off page (status ${response.status})`);
    return value;
  };
  return { state: field("state"), session_token: field("session_token") };
}
