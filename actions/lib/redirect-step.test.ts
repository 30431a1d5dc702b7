import { describe, expect, it } from "vitest";
import type { PostLoginApi, PostLoginEvent } from "../../contract/post-login";
import { sendToStep } from "./redirect-step";

function login(metadata: Record<string, string>): PostLoginEvent {
  return {
    user: { user_id: "auth0|u1", app_metadata: {}, user_metadata: {} },
    client: { client_id: "app-client", name: "Product XYZ" },
    request: { hostname: "acme.eu.auth0.com", ip: "127.0.0.1" },
    transaction: { metadata },
    secrets: { REDIRECT_TOKEN_SECRET: "s".repeat(32), APP_BASE_URL: "https://app.example.com" },
  };
}

/** The payload `sendToStep` encodes and the metadata it keeps. */
function send(metadata: Record<string, string>, laterStepsDue?: number) {
  const kept: Record<string, unknown> = {};
  let payload: Record<string, unknown> = {};
  const api = {
    transaction: { setMetadata: (key: string, value: unknown) => ((kept[key] = value), api) },
    redirect: { encodeToken: (input: { payload: Record<string, unknown> }) => ((payload = input.payload), "token"), sendUserTo: () => api },
  } as unknown as PostLoginApi;
  sendToStep(login(metadata), api, "profile", { fields: ["favorite_color"] }, { laterStepsDue });
  return { payload, kept };
}

describe("sendToStep's position among the login's steps", () => {
  it("sends none when the step is the login's only one", () => {
    const { payload, kept } = send({ login_id: "login-1" });
    expect(payload.position).toBeUndefined();
    expect(kept.step_position).toBeUndefined();
  });

  it("counts the steps due after this one", () => {
    expect(send({}, 2).payload.position).toEqual({ number: 1, of: 3 });
  });

  it("comes after the step this login showed before", () => {
    const { payload, kept } = send({ login_id: "login-1", step_position: "1/2" });
    expect(payload.position).toEqual({ number: 2, of: 2 });
    expect(kept.step_position).toBe("2/2");
  });

  it("ignores a kept position it cannot read", () => {
    expect(send({ step_position: "x/y" }).payload.position).toBeUndefined();
  });
});
