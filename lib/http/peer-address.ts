import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-info";

let stamping = false;

/**
 * Writes each incoming request's TCP peer address into a private header before Next sees the
 * request, replacing whatever the client sent under that name, so handlers can tell the real peer
 * from a forged X-Forwarded-For. Uses Node's `http.server.request.start` diagnostics channel,
 * published synchronously before the server's 'request' event.
 */
export function stampPeerAddresses(): void {
  if (stamping) return;
  stamping = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress;
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}
