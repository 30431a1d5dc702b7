import { describe, expect, it } from "vitest";
import { SingleUseStore } from "./single-use-store";

describe("SingleUseStore", () => {
  it("answers ok once, then used; expired after its lifetime; unknown for made-up keys", () => {
    let now = 1_000;
    const store = new SingleUseStore<string>(() => now, 100, 1_000);
    const key = store.put("value");
    expect(store.inspect(key)).toEqual({ status: "ok", value: "value" });
    expect(store.take(key)).toEqual({ status: "ok", value: "value" });
    expect(store.take(key)).toMatchObject({ status: "used", usedAt: 1_000, revoked: false });
    const later = store.put("later");
    now += 100;
    expect(store.take(later)).toMatchObject({ status: "expired", expiredAt: 1_100 });
    expect(store.take("made-up")).toEqual({ status: "unknown" });
  });

  it("revokes matching unused records", () => {
    const store = new SingleUseStore<{ family: string }>(() => 0, 100, 0);
    const a = store.put({ family: "f" });
    const b = store.put({ family: "g" });
    expect(store.revokeWhere((value) => value.family === "f")).toBe(1);
    expect(store.take(a)).toMatchObject({ status: "used", revoked: true });
    expect(store.take(b).status).toBe("ok");
  });
});
