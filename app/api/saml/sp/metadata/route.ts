import { toErrorResponse } from "@/lib/errors";
import { buildSpMetadata } from "@/lib/saml/sp-metadata";

export const dynamic = "force-dynamic";

// GET /api/saml/sp/metadata: Airlock's SP metadata, for the corporate IdP
export function GET() {
  try {
    return new Response(buildSpMetadata(), {
      headers: {
        "Content-Type": "application/samlmetadata+xml; charset=utf-8",
        "Content-Disposition": 'inline; filename="airlock-sp-metadata.xml"',
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
