import { toErrorResponse } from "@/lib/errors";
import { getServiceProvider } from "@/lib/saml/service-provider";

export const dynamic = "force-dynamic";

// GET /api/saml/sp/metadata: Airlock's SP metadata, for the corporate IdP
export function GET() {
  try {
    return new Response(getServiceProvider().getMetadata(), {
      headers: {
        "Content-Type": "application/samlmetadata+xml; charset=utf-8",
        "Content-Disposition": 'inline; filename="airlock-sp-metadata.xml"',
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
