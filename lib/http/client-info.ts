import { isIP } from "node:net";
import { getEnv } from "@/lib/env";

/**
 * The TCP peer address of a request, stamped by `stampPeerAddresses` (lib/http/peer-address.ts)
 * over any value the client sent. Next itself passes the socket address on only as an
 * X-Forwarded-For it sets when the client sent none.
 */
export const PEER_ADDRESS_HEADER = "x-airlock-peer-address";

/**
 * The client's address: with `trustedProxies` reverse-proxy hops in front of Airlock, the
 * N-th X-Forwarded-For entry from the right (each proxy appends its peer's address, so everything
 * left of that was written by the client); with none, the TCP peer, whatever the headers say.
 * Undefined when that hop is not an IP address.
 */
export function resolveClientAddress({
  peer,
  forwardedFor,
  trustedProxies,
}: {
  peer: string | null;
  forwardedFor: string | null;
  trustedProxies: number;
}): string | undefined {
  const forwarded = (forwardedFor ?? "").split(",").map((hop) => hop.trim());
  const hops = [...forwarded.filter(Boolean), peer ?? ""];
  const client = hops[Math.max(0, hops.length - 1 - trustedProxies)];
  return isIP(client) ? client : undefined;
}

/** Who is calling, for the audit log: the client address (see AIRLOCK_TRUSTED_PROXIES) and the user agent. */
export function getClientInfo(
  headers: Headers,
  trustedProxies = getEnv().AIRLOCK_TRUSTED_PROXIES,
): { ip?: string; userAgent?: string } {
  const ip = resolveClientAddress({
    peer: headers.get(PEER_ADDRESS_HEADER),
    forwardedFor: headers.get("x-forwarded-for"),
    trustedProxies,
  });
  return { ip, userAgent: headers.get("user-agent") ?? undefined };
}
