import type { Partition } from "@/lib/entitlements/schemas";

/** What differs between AWS partitions for SAML federation. Pure data. */
export type PartitionInfo = {
  /** SAML sign-in endpoint: the Response Destination and SubjectConfirmation Recipient. */
  samlEndpoint: string;
  /** AWS's SP entity id, the assertion's Audience. */
  audience: string;
  /** Federation endpoint for getSigninToken and login. */
  federationEndpoint: string;
  consoleHost: string;
  stsHost: (region: string) => string;
  defaultRegion: string;
};

export const partitionInfo: Record<Partition, PartitionInfo> = {
  aws: {
    samlEndpoint: "https://signin.aws.amazon.com/saml",
    audience: "urn:amazon:webservices",
    federationEndpoint: "https://signin.aws.amazon.com/federation",
    consoleHost: "console.aws.amazon.com",
    stsHost: (region) => `sts.${region}.amazonaws.com`,
    defaultRegion: "us-east-1",
  },
  "aws-us-gov": {
    samlEndpoint: "https://signin.amazonaws-us-gov.com/saml",
    audience: "urn:amazon:webservices:govcloud",
    federationEndpoint: "https://signin.amazonaws-us-gov.com/federation",
    consoleHost: "console.amazonaws-us-gov.com",
    stsHost: (region) => `sts.${region}.amazonaws.com`,
    defaultRegion: "us-gov-west-1",
  },
  "aws-cn": {
    samlEndpoint: "https://signin.amazonaws.cn/saml",
    audience: "urn:amazon:webservices:cn",
    federationEndpoint: "https://signin.amazonaws.cn/federation",
    consoleHost: "console.amazonaws.cn",
    stsHost: (region) => `sts.${region}.amazonaws.com.cn`,
    defaultRegion: "cn-north-1",
  },
};

/** The partition a region belongs to, for refusing a region that cannot host the account. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("cn-")) return "aws-cn";
  return "aws";
}

/**
 * The console URL of a region: the home page, or a service/path deep link ("s3", "ec2/home#Instances",
 * "s3/buckets?tab=objects"); `destination` has passed isConsoleDestination.
 */
export function buildConsoleUrl({
  partition,
  region,
  destination,
}: {
  partition: Partition;
  region?: string;
  destination?: string;
}): string {
  const { consoleHost, defaultRegion } = partitionInfo[partition];
  const effectiveRegion = region ?? defaultRegion;
  const host = `https://${effectiveRegion}.${consoleHost}`;
  if (!destination) return `${host}/console/home?region=${effectiveRegion}`;
  const [beforeHash, hash] = destination.replace(/^\/+/, "").split("#", 2);
  const [pathPart, query] = beforeHash.split("?", 2);
  const [service, ...rest] = pathPart.split("/");
  const pathname = `/${service}/${rest.length ? rest.join("/") : "home"}`;
  return `${host}${pathname}?region=${effectiveRegion}${query ? `&${query}` : ""}${hash ? `#${hash}` : ""}`;
}
