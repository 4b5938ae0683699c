import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "@/lib/auth/session";

const secret = "a-session-secret-of-at-least-thirty-two-characters";
const claims = { sid: "x".repeat(43), uid: "user_1", email: "alice@example.com", name: "Alice" };

describe("decodeSessionToken", () => {
  it("reads what next-auth's own encode wrote", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    expect(await decodeSessionToken(token, secret)).toMatchObject(claims);
    // Twice: the derived key is cached per secret.
    expect(await decodeSessionToken(token, secret)).toMatchObject(claims);
  });

  it("refuses a token of another secret, an expired one and garbage", async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    expect(await decodeSessionToken(token, `${secret}-rotated`)).toBeNull();
    const expired = await encode({ token: claims, secret, maxAge: -60 });
    expect(await decodeSessionToken(expired, secret)).toBeNull();
    expect(await decodeSessionToken("not.a.token.at.all", secret)).toBeNull();
    expect(await decodeSessionToken(token.slice(0, -4) + "AAAA", secret)).toBeNull();
  });
});
