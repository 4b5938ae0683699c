import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { toErrorResponse } from "@/lib/errors";
import { buildUserAwsConfig } from "@/lib/terminal/user-aws-config";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

// GET /terminal/aws-config: the signed-in person's ~/.aws/config profiles (the same as `airlock config`), as a download.
// Grants nothing by itself: each profile still needs `airlock login` to fetch credentials.
export async function GET() {
  // A link a person clicks: outside the try, so sign-in and group re-check redirects happen.
  const user = await requireUser("/terminal");
  try {
    const config = await buildUserAwsConfig({ db: getDb(), userId: user.id, groups: user.groups });
    return new Response(config.text, {
      headers: {
        ...noStore,
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": 'attachment; filename="airlock-aws-config"',
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return toErrorResponse(error, noStore);
  }
}
