import { randomBytes } from "node:crypto";
import { htmlReply, redirectReply, type Reply } from "../http/reply";
import { formPostPage } from "../pages/form-post-page";
import { webMessagePage } from "../pages/web-message-page";
import type { AuthorizeRequest } from "./types";

/** Auth0's `error_description` for a user an administrator blocked (with `error=unauthorized`). */
export const USER_BLOCKED = "user is blocked";

/** Answers the application at its `redirect_uri` in the requested response mode, always echoing its `state`. */
export function answerApp(request: AuthorizeRequest, params: Record<string, string>): Reply {
  const fields = { ...params, ...(request.state === undefined ? {} : { state: request.state }) };
  const url = new URL(request.redirectUri);
  switch (request.responseMode) {
    case "form_post": {
      const scriptNonce = randomBytes(16).toString("base64");
      return htmlReply(200, formPostPage({ action: request.redirectUri, fields, scriptNonce }), { scriptNonce });
    }
    case "web_message": {
      const scriptNonce = randomBytes(16).toString("base64");
      const page = webMessagePage({ targetOrigin: url.origin, response: fields, scriptNonce });
      return htmlReply(200, page, { scriptNonce, frameAncestor: url.origin });
    }
    case "fragment":
      url.hash = new URLSearchParams(fields).toString();
      return redirectReply(url.toString());
    case "query":
      for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
      return redirectReply(url.toString());
  }
}

/** Auth0's error shape: `error`, `error_description`, `state`. */
export function answerAppWithError(request: AuthorizeRequest, error: string, description: string): Reply {
  return answerApp(request, { error, error_description: description });
}
