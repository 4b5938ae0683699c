import { toErrorResponse } from "@/lib/errors";
import { getIdpMetadataXml } from "@/lib/saml/publish-metadata";

export const dynamic = "force-dynamic";

// GET /api/saml/idp/metadata: Airlock's IdP metadata, uploaded to IAM as the SAML provider
export function GET() {
  try {
    return new Response(getIdpMetadataXml(), {
      headers: {
        "Content-Type": "application/samlmetadata+xml; charset=utf-8",
        "Content-Disposition": 'inline; filename="airlock-idp-metadata.xml"',
        "Cache-Control": "public, max-age=300",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
