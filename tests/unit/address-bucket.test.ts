import { describe, expect, it } from "vitest";
import { addressBucket } from "@/lib/http/address-bucket";

describe("addressBucket", () => {
  it("keeps IPv4 addresses, and IPv4-mapped IPv6 as IPv4", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket(undefined)).toBe("unknown");
  });

  it("counts IPv6 by its /64, however the address is written", () => {
    const bucket = "2001:db8:a:b::/64";
    for (const address of [
      "2001:db8:a:b::1",
      "2001:0db8:000a:000b:ffff:ffff:ffff:fffe",
      "2001:DB8:A:B:1:2:3:4",
      "2001:db8:a:b:0:0:1.2.3.4",
    ])
      expect(addressBucket(address), address).toBe(bucket);
    expect(addressBucket("2001:db8:a:c::1")).toBe("2001:db8:a:c::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("2001:db8::")).toBe("2001:db8:0:0::/64");
  });
});
