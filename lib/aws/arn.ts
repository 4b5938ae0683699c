import type { Partition } from "@/lib/entitlements/schemas";

/** ARN of an IAM role, path included: arn:aws:iam::123456789012:role/team/Name. */
export function buildRoleArn({
  partition,
  accountId,
  path = "/",
  name,
}: {
  partition: Partition;
  accountId: string;
  path?: string;
  name: string;
}): string {
  return `arn:${partition}:iam::${accountId}:role${path}${name}`;
}

/** ARN of an IAM SAML provider: arn:aws:iam::123456789012:saml-provider/airlock. */
export function buildSamlProviderArn({
  partition,
  accountId,
  name,
}: {
  partition: Partition;
  accountId: string;
  name: string;
}): string {
  return `arn:${partition}:iam::${accountId}:saml-provider/${name}`;
}

/** Splits an assumed-role ARN into its parts; returns undefined for anything else. */
export function parseAssumedRoleArn(
  arn: string,
): { partition: string; accountId: string; roleName: string; sessionName: string } | undefined {
  const match = /^arn:(aws|aws-us-gov|aws-cn):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/.exec(arn);
  if (!match) return undefined;
  return { partition: match[1], accountId: match[2], roleName: match[3], sessionName: match[4] };
}
