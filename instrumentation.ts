// Runs once when the server starts: validate configuration and migrate before serving anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("@/lib/boot");
  await bootServer();
}
