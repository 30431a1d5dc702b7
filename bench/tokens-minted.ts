import { randomBytes } from "node:crypto";
import type { TokenStatsSnapshot } from "../auth0-tenant/local/state/token-stats";
import { DATABASE_CONNECTION } from "../auth0-tenant/local/store/users";
import type { Stack } from "../tests/e2e/support/stack";
import { loginThroughApp } from "./app-login";
import { withTimeout } from "./with-timeout";

const LOGIN_TIMEOUT_MS = 30_000;

export interface MintedTokens {
  client: string;
  clientId: string;
  audience: string;
  count: number;
}

export interface TokensMintedResult {
  /** Logins of the one user, the first through the terms step. */
  logins: number;
  /** The post-login Actions bound on the tenant when the logins ran, in order. */
  boundActions: string[];
  /** Access tokens minted during the logins, per client and audience. */
  accessTokens: MintedTokens[];
  idTokens: number;
  refreshTokens: number;
  /**
   * Access tokens minted by clients other than the app's own, per audience: the machine-to-machine tokens the
   * Actions fetch (the app's client mints one per login, its own code exchange, by design).
   */
  actionTokensByAudience: Record<string, number>;
}

/**
 * `logins` logins of one user through the app, each from a new browser, with whatever Actions the desired state
 * binds; the first goes through the terms step (and any other), the others through none. The tenant's own counter
 * (`/local/stats/tokens`) says how many tokens were minted. Run it on a tenant where no login has run yet: the
 * Actions' token caches are then empty, and their first fill is counted.
 */
export async function runTokensMinted(
  stack: Stack,
  options: { logins: number; deadline: number; log(line: string): void },
): Promise<TokensMintedResult> {
  // Created with a verified email, as a real customer's would be: the business-data Action looks up no other.
  // Before the first count, as is the Management API token this call fetches.
  const user = { email: `bench-tokens-${randomBytes(4).toString("hex")}@example.com`, password: "correct-horse-battery-staple" };
  await stack.tenant.management.expect(201, "POST", "users", { connection: DATABASE_CONNECTION, ...user, email_verified: true });
  const before = await tokenStats(stack);
  for (let index = 0; index < options.logins; index += 1) {
    if (Date.now() > options.deadline) throw new Error(`the token count ran out of time after ${index} logins`);
    const login = await withTimeout(loginThroughApp(stack, user, "password"), LOGIN_TIMEOUT_MS, "a login");
    const steps = login.steps.map((step) => step.step);
    if (index === 0 ? !steps.includes("terms") : steps.length > 0) throw new Error(`${user.email}: login ${index + 1} went through [${steps.join(", ")}]`);
  }
  const after = await tokenStats(stack);
  options.log(`${options.logins} logins of ${user.email}`);

  // Read after the second count: these Management API calls mint a token of their own.
  const [bindings, clients] = await Promise.all([
    stack.tenant.management.expect<{ bindings: Array<{ display_name: string }> }>(200, "GET", "actions/triggers/post-login/bindings"),
    stack.tenant.management.expect<Array<{ client_id: string; name: string }> | { clients: Array<{ client_id: string; name: string }> }>(
      200,
      "GET",
      "clients",
    ),
  ]);
  const names = new Map((Array.isArray(clients) ? clients : clients.clients).map((client) => [client.client_id, client.name]));
  const accessTokens: MintedTokens[] = [];
  for (const [clientId, counts] of Object.entries(after.by_client)) {
    for (const [audience, count] of Object.entries(counts.by_audience)) {
      const minted = count - (before.by_client[clientId]?.by_audience[audience] ?? 0);
      if (minted > 0) accessTokens.push({ client: names.get(clientId) ?? clientId, clientId, audience, count: minted });
    }
  }
  const actionTokensByAudience: Record<string, number> = {};
  for (const tokens of accessTokens) {
    if (tokens.clientId === stack.env.AUTH0_CLIENT_ID) continue;
    actionTokensByAudience[tokens.audience] = (actionTokensByAudience[tokens.audience] ?? 0) + tokens.count;
  }
  return {
    logins: options.logins,
    boundActions: bindings.bindings.map((binding) => binding.display_name),
    accessTokens,
    idTokens: after.id_tokens - before.id_tokens,
    refreshTokens: after.refresh_tokens - before.refresh_tokens,
    actionTokensByAudience,
  };
}

async function tokenStats(stack: Stack): Promise<TokenStatsSnapshot> {
  const response = await fetch(new URL("local/stats/tokens", stack.tenant.issuer));
  if (response.status !== 200) throw new Error(`/local/stats/tokens answered ${response.status}`);
  return (await response.json()) as TokenStatsSnapshot;
}
