import { isIPv4, isIPv6 } from "node:net";

/**
 * The unit a per-address limit counts in: an IPv4 address as it is, an IPv6 address by its /64
 * (one customer's network: anyone on it can pick any of its 2^64 addresses, so counting single
 * IPv6 addresses would let one caller spread over as many buckets as they like). An IPv4-mapped
 * IPv6 address counts as its IPv4 address. "unknown" when there is no address.
 */
export function addressBucket(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight hextets of an IPv6 address, lower case, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head, tail = ""] = address.toLowerCase().split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two hextets.
  const words = (part: string[]) =>
    part.flatMap((w) => (w.includes(".") ? ipv4Hextets(w) : [parseInt(w, 16).toString(16)]));
  const l = words(left);
  const r = words(right);
  return [...l, ...Array<string>(Math.max(0, 8 - l.length - r.length)).fill("0"), ...r];
}

function ipv4Hextets(ipv4: string): string[] {
  const [a, b, c, d] = ipv4.split(".").map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
