import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts a stand-in server on `host` (loopback by default); `port` 0 picks a free one. */
export async function listen(
  server: Server,
  port: number,
  host: string,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What the demo IdPs answer when a sign-in cannot continue. */
export function sendSignInError(res: ServerResponse, error: unknown): void {
  res.writeHead(400, { "content-type": "text/plain" });
  res.end(`Sign-in could not continue: ${(error as Error).message}. Start again from Airlock.`);
}
