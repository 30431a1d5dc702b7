import type { AccumulatedCommands, SuspendedPipeline } from "../actions-runtime/types";
import type { PkceMethod } from "../tokens/pkce";

/** How the answer reaches the app: Auth0's four response modes. */
export type ResponseMode = "query" | "fragment" | "form_post" | "web_message";

/** What `/authorize` hands back: a code, an ID token, an access token, or several (hybrid). */
export interface ResponseType {
  code: boolean;
  idToken: boolean;
  accessToken: boolean;
}

/** A validated `/authorize` request: what the login carries until the code is issued. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseType: ResponseType;
  responseMode: ResponseMode;
  /** The application's own state, echoed on every answer. */
  state?: string;
  nonce?: string;
  scopes: string[];
  audience?: string;
  /** Empty when the client sent none (allowed for confidential clients). */
  codeChallenge: string;
  /** RFC 7636 §4.3: `plain` when the request names no method. */
  codeChallengeMethod: PkceMethod;
  prompt?: "none" | "login";
  /** Seconds: an older authentication is not reused (`max_age`). */
  maxAge?: number;
  /** Prefills the email on the login and sign-up pages. */
  loginHint?: string;
  /** `screen_hint=signup` opens the sign-up page. */
  screenHint?: "signup";
  /** `ui_locales`, in order (`event.transaction.ui_locales`). */
  uiLocales: string[];
  /** The raw query, as `event.request.query` shows it. */
  query: Record<string, string>;
}

/** Who logged in, and how: the tenant session behind this login. */
export interface Authentication {
  userId: string;
  /** The session's public id (the `sid` claim); never the cookie value. */
  sessionId: string;
  /** Epoch ms of the authentication (the `auth_time` claim). */
  authenticatedAt: number;
  methods: Array<{ name: string; timestamp: string; type?: string }>;
}

/** A browser login whose Actions finished: what an authorization code stands for. */
export interface CompletedLogin {
  request: AuthorizeRequest;
  authentication: Authentication;
  commands: AccumulatedCommands;
}

/** A browser login whose Actions are suspended: at `/continue` (a redirect), or on the one-time code page (MFA). */
export interface SuspendedLogin {
  request: AuthorizeRequest;
  authentication: Authentication;
  pipeline: SuspendedPipeline;
}
