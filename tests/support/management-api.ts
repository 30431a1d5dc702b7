import { HttpClient, type HttpResponse } from "./http-client";

export interface ManagementCredentials {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What a Management API call answered: status and parsed JSON body (undefined for an empty body). */
export interface ManagementResponse<T = unknown> {
  status: number;
  body: T;
  raw: HttpResponse;
}

/**
 * A thin Management API client for tests and scripts against the local tenant: a client-credentials token,
 * fetched once and reused, then JSON calls under `${issuer}api/v2/`.
 */
export class ManagementApi {
  private token?: string;
  private readonly http = new HttpClient();

  constructor(private readonly credentials: ManagementCredentials) {}

  /** A token for `${issuer}api/v2/`, optionally limited to some scopes. */
  async fetchToken(scope?: string): Promise<string> {
    const response = await this.http.postForm(new URL("oauth/token", this.credentials.issuer), {
      grant_type: "client_credentials",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
      audience: new URL("api/v2/", this.credentials.issuer).href,
      ...(scope ? { scope } : {}),
    });
    if (response.status !== 200) throw new Error(`management token refused (${response.status}): ${response.text}`);
    return response.json<{ access_token: string }>().access_token;
  }

  /** `path` is relative to `/api/v2/`, e.g. `actions/actions`. Pass `token` to call with another token. */
  async call<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<ManagementResponse<T>> {
    const bearer = token ?? (this.token ??= await this.fetchToken());
    const raw = await this.http.request(method, new URL(`api/v2/${path}`, this.credentials.issuer), {
      headers: { authorization: `Bearer ${bearer}` },
      ...(body === undefined ? {} : { json: body }),
    });
    return { status: raw.status, body: (raw.text ? raw.json<T>() : undefined) as T, raw };
  }

  /** Like `call`, but throws unless the status is `expected`. */
  async expect<T = unknown>(expected: number, method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.call<T>(method, path, body);
    if (response.status !== expected) {
      throw new Error(`${method} /api/v2/${path} answered ${response.status} (expected ${expected}): ${response.raw.text}`);
    }
    return response.body;
  }

  /** A regular web application with these callbacks and logout URLs; returns its id and secret. */
  async createWebClient(options: {
    name?: string;
    callbacks: string[];
    allowed_logout_urls?: string[];
    grant_types?: string[];
    /** Auth0's `refresh_token` settings of the client (rotation, lifetimes). */
    refresh_token?: Record<string, unknown>;
  }) {
    return this.expect<{ client_id: string; client_secret: string; name: string }>(201, "POST", "clients", {
      name: options.name ?? "Test application",
      app_type: "regular_web",
      callbacks: options.callbacks,
      allowed_logout_urls: options.allowed_logout_urls ?? [],
      ...(options.grant_types ? { grant_types: options.grant_types } : {}),
      ...(options.refresh_token ? { refresh_token: options.refresh_token } : {}),
    });
  }

  /** Creates (or updates) an Action, waits until it is built, deploys it. Returns its id. */
  async deployAction(name: string, code: string, secrets: Array<{ name: string; value: string }> = []): Promise<string> {
    const existing = await this.expect<{ actions: Array<{ id: string }> }>(200, "GET", `actions/actions?actionName=${encodeURIComponent(name)}`);
    const id = existing.actions[0]?.id;
    const action = id
      ? await this.expect<{ id: string }>(200, "PATCH", `actions/actions/${id}`, { code, secrets })
      : await this.expect<{ id: string }>(201, "POST", "actions/actions", {
          name,
          supported_triggers: [{ id: "post-login", version: "v3" }],
          code,
          runtime: "node22",
          secrets,
        });
    await this.waitUntilBuilt(action.id);
    await this.expect(200, "POST", `actions/actions/${action.id}/deploy`);
    return action.id;
  }

  async waitUntilBuilt(actionId: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const action = await this.expect<{ status: string }>(200, "GET", `actions/actions/${actionId}`);
      if (action.status === "built") return;
      if (action.status === "failed") throw new Error(`the build of action ${actionId} failed: ${JSON.stringify(action)}`);
      if (Date.now() > deadline) throw new Error(`action ${actionId} still ${action.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Replaces the post-login bindings with these Action ids, in order. */
  async bindPostLogin(actionIds: string[]): Promise<void> {
    await this.expect(200, "PATCH", "actions/triggers/post-login/bindings", {
      bindings: actionIds.map((value) => ({ ref: { type: "action_id", value } })),
    });
  }

  async createUser(user: { email: string; password: string; app_metadata?: Record<string, unknown>; user_metadata?: Record<string, unknown>; roles?: string[]; groups?: string[] }) {
    return this.expect<{ user_id: string; email: string }>(201, "POST", "users", {
      connection: "Username-Password-Authentication",
      ...user,
    });
  }
}

/** The status and Auth0 error body a failed call of the `auth0` SDK's ManagementClient carries; throws if it succeeded. */
export async function sdkFailure(call: Promise<unknown>): Promise<{ statusCode: number; body: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    const { statusCode, body } = error as { statusCode: number; body: Record<string, unknown> };
    return { statusCode, body };
  }
  throw new Error("the call succeeded");
}
