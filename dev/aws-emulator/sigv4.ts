import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { StsError } from "./sts-error";

/**
 * AWS Signature Version 4 verification for requests signed with credentials the emulator issued,
 * so a test can prove issued credentials work (GetCallerIdentity). Header-signed requests only.
 */

export type SigV4Request = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function header(headers: SigV4Request["headers"], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

export function parseAuthorization(value: string | undefined): {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
} {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(
      value ?? "",
    );
  if (!match) throw new StsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  return {
    accessKeyId: match[1],
    date: match[2],
    region: match[3],
    service: match[4],
    signedHeaders: match[5].split(";"),
    signature: match[6],
  };
}

/** Throws SignatureDoesNotMatch unless the request is signed with `secretAccessKey`. */
export function verifySigV4(request: SigV4Request, secretAccessKey: string, now = new Date()): void {
  const auth = parseAuthorization(header(request.headers, "authorization"));
  const amzDate = header(request.headers, "x-amz-date") ?? "";
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  if (!amzDate.startsWith(auth.date) || Number.isNaN(signedAt) || Math.abs(now.getTime() - signedAt) > 15 * 60 * 1000) {
    throw new StsError("SignatureDoesNotMatch", "Signature expired or X-Amz-Date is invalid", 403);
  }
  if (!auth.signedHeaders.includes("host"))
    throw new StsError("SignatureDoesNotMatch", "The host header must be signed", 403);
  const canonicalQuery = [...request.query.entries()]
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = auth.signedHeaders
    .map((name) => `${name}:${(header(request.headers, name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const payloadHash = header(request.headers, "x-amz-content-sha256") ?? sha256(request.body);
  const canonicalPath =
    request.path
      .split("/")
      .map((segment) => encode(decodeURIComponent(segment)))
      .join("/") || "/";
  const canonicalRequest = [
    request.method,
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    auth.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, auth.date), auth.region), auth.service), "aws4_request");
  const expected = Buffer.from(hmac(key, stringToSign).toString("hex"));
  const given = Buffer.from(auth.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new StsError(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
      403,
    );
  }
}
