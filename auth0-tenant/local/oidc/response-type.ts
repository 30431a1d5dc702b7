import { PageError } from "../errors";
import type { ResponseMode, ResponseType } from "../login/types";
import type { StoredClient } from "../store/clients";
import { isWebOrigin } from "./client-origins";

export const RESPONSE_MODES: readonly ResponseMode[] = ["query", "fragment", "form_post", "web_message"];
const PARTS = { code: "code", id_token: "idToken", token: "accessToken" } as const;

/** The response types Auth0 accepts at `/authorize` (in any order of their words): code, implicit and hybrid. */
export const RESPONSE_TYPES = ["code", "id_token", "token", "id_token token", "code id_token", "code token", "code id_token token"] as const;

/** `response_type`'s space-separated words, each once; `undefined` when it is none of Auth0's combinations. */
export function parseResponseType(raw: string | undefined): ResponseType | undefined {
  const words = (raw ?? "").split(" ").filter((word) => word.length > 0);
  if (words.length === 0 || new Set(words).size !== words.length) return undefined;
  const type: ResponseType = { code: false, idToken: false, accessToken: false };
  for (const word of words) {
    if (!Object.hasOwn(PARTS, word)) return undefined;
    type[PARTS[word as keyof typeof PARTS]] = true;
  }
  return type;
}

/** Tokens travel in the answer itself (implicit or hybrid), not only a code. */
export function carriesTokens(type: ResponseType): boolean {
  return type.idToken || type.accessToken;
}

/**
 * The response mode, as Auth0 decides it: `query` for a code alone and `fragment` for anything carrying a token
 * (OAuth 2.0 Multiple Response Types §5). A token never travels in a query (auth0.js: "The `query` value is only
 * supported when `responseType` is `code`"); Auth0 shows its error page rather than answering so. `web_message`
 * posts to the redirect_uri's origin, which must be one of the client's Allowed Web Origins (`web_origins`); without
 * it Auth0 answers 400 "The specified redirect_uri '…' does not have a registered origin." and posts nothing.
 */
export function responseModeFor(
  client: StoredClient,
  redirectUri: string,
  type: ResponseType | undefined,
  requested: string | undefined,
): ResponseMode {
  const fallback: ResponseMode = type && carriesTokens(type) ? "fragment" : "query";
  if (requested === undefined || !RESPONSE_MODES.includes(requested as ResponseMode)) return fallback;
  const mode = requested as ResponseMode;
  if (mode === "query" && type && carriesTokens(type)) {
    throw new PageError(
      "unsupported_response_mode",
      "response_mode=query is not allowed with a response_type that returns tokens: use fragment, form_post or web_message.",
    );
  }
  if (mode === "web_message" && !isWebOrigin(client, new URL(redirectUri).origin)) {
    throw new PageError(
      "invalid_request",
      `The specified redirect_uri '${redirectUri}' does not have a registered origin.`,
      `response_mode=web_message posts to ${new URL(redirectUri).origin}, which is not among the Allowed Web Origins (web_origins) of the application "${client.name}": ${client.web_origins.join(", ") || "(none)"}`,
    );
  }
  return mode;
}

/** An unknown `response_mode` value, refused in the mode the response type implies. */
export function unknownResponseMode(requested: string | undefined): string | undefined {
  return requested === undefined || RESPONSE_MODES.includes(requested as ResponseMode) ? undefined : requested;
}
