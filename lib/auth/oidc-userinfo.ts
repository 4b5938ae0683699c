import "server-only";
import { userinfoSchema, type Userinfo } from "@/lib/auth/oidc-claims";
import { OidcSignInError } from "@/lib/auth/oidc-sign-in-error";

/** Reads the OP's userinfo endpoint with the sign-in's access token: bounded in time and size. */

const USERINFO_TIMEOUT_MS = 10_000;
/** Room for a few thousand group names; a larger answer is refused rather than buffered. */
const USERINFO_MAX_BYTES = 512 * 1024;

const refuse = (message: string) => new OidcSignInError("oidc_userinfo_failed", message);

async function readBounded(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) throw refuse(`larger than ${maxBytes} bytes`);
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw refuse(`larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function fetchUserinfo({
  endpoint,
  accessToken,
  timeoutMs = USERINFO_TIMEOUT_MS,
  maxBytes = USERINFO_MAX_BYTES,
}: {
  endpoint: string;
  accessToken: string;
  timeoutMs?: number;
  maxBytes?: number;
}): Promise<Userinfo> {
  const where = `the OP's userinfo endpoint (${endpoint})`;
  try {
    const response = await fetch(endpoint, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw refuse(`answered HTTP ${response.status}`);
    if (!/^application\/json\b/i.test(response.headers.get("content-type") ?? ""))
      throw refuse("did not answer JSON (a signed or encrypted userinfo answer is not supported)");
    const parsed = userinfoSchema.safeParse(JSON.parse(await readBounded(response, maxBytes)));
    if (!parsed.success) throw refuse("answered something other than a JSON object with a sub");
    return parsed.data;
  } catch (error) {
    const reason = error instanceof OidcSignInError ? error.message : `could not be read (${(error as Error).name})`;
    throw refuse(`Airlock needed claims the ID token lacks, but ${where} ${reason}.`);
  }
}
