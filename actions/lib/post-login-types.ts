/**
 * The part of Auth0's post-login v3 `event` and `api` that our Actions use, typed after Auth0's reference
 * (`@auth0/actions/post-login/v3`, which the npm registry here does not serve).
 */
export interface PostLoginEvent {
  user: {
    user_id: string;
    email?: string;
    app_metadata: Record<string, unknown>;
    user_metadata: Record<string, unknown>;
  };
  client: { client_id: string; name: string };
  request: { hostname: string; ip: string; query?: Record<string, string | undefined> };
  transaction?: { protocol?: string };
  authorization?: { roles: string[] };
  secrets: Record<string, string | undefined>;
}

export interface PostLoginApi {
  access: { deny(reason: string): PostLoginApi };
  idToken: { setCustomClaim(name: string, value: unknown): PostLoginApi };
  accessToken: { setCustomClaim(name: string, value: unknown): PostLoginApi };
  user: {
    setAppMetadata(name: string, value: unknown): PostLoginApi;
    setUserMetadata(name: string, value: unknown): PostLoginApi;
  };
  redirect: {
    canRedirect(): boolean;
    encodeToken(options: { secret: string; payload: Record<string, unknown>; expiresInSeconds?: number }): string;
    sendUserTo(url: string, options?: { query?: Record<string, string> }): PostLoginApi;
    validateToken(options: { secret: string; tokenParameterName?: string }): Record<string, unknown>;
  };
}
