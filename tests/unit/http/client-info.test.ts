import { describe, expect, it } from "vitest";
import { getClientInfo, PEER_ADDRESS_HEADER, resolveClientAddress } from "@/lib/http/client-info";

const peer = "10.0.0.5";

describe("resolveClientAddress", () => {
  it.each([
    // No proxy trusted: the TCP peer, whatever the client wrote.
    [0, null, peer],
    [0, "203.0.113.9", peer],
    [0, "203.0.113.9, 198.51.100.7", peer],
    // One proxy (the peer): the entry it appended, not what the client sent before it.
    [1, "198.51.100.7", "198.51.100.7"],
    [1, "203.0.113.9, 198.51.100.7", "198.51.100.7"],
    [1, " 203.0.113.9 ,198.51.100.7 ", "198.51.100.7"],
    // Two proxies: the outer one's entry is second from the right.
    [2, "203.0.113.9, 198.51.100.7, 10.0.0.4", "198.51.100.7"],
    [2, "2001:db8::1, 10.0.0.4", "2001:db8::1"],
    // Fewer entries than proxies: the left-most, which a trusted proxy wrote.
    [3, "198.51.100.7, 10.0.0.4", "198.51.100.7"],
    [1, null, peer],
    // Not an address: nothing rather than whatever text was there.
    [1, "203.0.113.9, unknown", undefined],
    [1, "", peer],
  ])("with %i trusted proxies and X-Forwarded-For %j: %s", (trustedProxies, forwardedFor, expected) => {
    expect(resolveClientAddress({ peer, forwardedFor, trustedProxies })).toBe(expected);
  });

  it("has no address without the peer and with no proxy trusted", () => {
    expect(resolveClientAddress({ peer: null, forwardedFor: "203.0.113.9", trustedProxies: 0 })).toBeUndefined();
  });
});

describe("getClientInfo", () => {
  it("reads the stamped peer address, X-Forwarded-For and the user agent", () => {
    const headers = new Headers({
      [PEER_ADDRESS_HEADER]: peer,
      "x-forwarded-for": "203.0.113.9, 198.51.100.7",
      "x-real-ip": "203.0.113.9",
      "user-agent": "curl/8",
    });
    expect(getClientInfo(headers, 0)).toEqual({ ip: peer, userAgent: "curl/8" });
    expect(getClientInfo(headers, 1)).toEqual({ ip: "198.51.100.7", userAgent: "curl/8" });
  });
});
