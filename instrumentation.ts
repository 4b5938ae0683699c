// Runs once when the server starts: validate configuration and migrate before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: the audit log's client address needs the TCP peer (AIRLOCK_TRUSTED_PROXIES).
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  stampPeerAddresses();
  const { bootServer } = await import("@/lib/boot");
  await bootServer();
}
