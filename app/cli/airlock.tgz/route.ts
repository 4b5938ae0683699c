import { getCliPackage } from "@/lib/cli/cli-package";
import { getEnv } from "@/lib/env";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

// GET /cli/airlock.tgz: the `airlock` CLI as an npm package (public: code only, no secrets)
export function GET(request: Request) {
  try {
    const { tarball, etag, version } = getCliPackage({ portalUrl: getEnv().AIRLOCK_URL });
    // Revalidated on every use (cheap 304s), so an upgraded portal serves its CLI at once.
    const headers = {
      "Cache-Control": "public, no-cache",
      ETag: etag,
      "X-Content-Type-Options": "nosniff",
      "X-Airlock-Cli-Version": version,
    };
    const match = request.headers.get("if-none-match");
    if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag))
      return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(tarball), {
      headers: {
        ...headers,
        "Content-Type": "application/gzip",
        "Content-Disposition": 'attachment; filename="airlock.tgz"',
        "Content-Length": String(tarball.length),
      },
    });
  } catch (error) {
    return toErrorResponse(error, { "Cache-Control": "no-store" });
  }
}
