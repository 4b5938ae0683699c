import { partitionInfo, partitionOfRegion } from "@/lib/aws/partitions";
import type { Partition } from "@/lib/entitlements/schemas";
import type { Env } from "@/lib/env";

export type AwsEndpoints = {
  region: string;
  stsEndpoint: string;
  /** Whether stsEndpoint is the SDK's own default (then it is not passed to the client). */
  isDefaultSts: boolean;
  federationEndpoint: string;
  logoutEndpoint: string | undefined;
  samlEndpoint: string;
  audience: string;
};

type EndpointEnv = Pick<Env, "AIRLOCK_AWS_REGION" | "AIRLOCK_STS_ENDPOINT" | "AIRLOCK_SIGNIN_ENDPOINT">;

/** Where to reach STS and the federation endpoint for an account in `partition`. Pure. */
export function resolveAwsEndpoints(env: EndpointEnv, partition: Partition): AwsEndpoints {
  const info = partitionInfo[partition];
  const region = partitionOfRegion(env.AIRLOCK_AWS_REGION) === partition ? env.AIRLOCK_AWS_REGION : info.defaultRegion;
  const federationEndpoint = env.AIRLOCK_SIGNIN_ENDPOINT ?? info.federationEndpoint;
  let logoutEndpoint: string | undefined;
  if (env.AIRLOCK_SIGNIN_ENDPOINT) logoutEndpoint = new URL("/oauth", env.AIRLOCK_SIGNIN_ENDPOINT).toString();
  else if (partition === "aws") logoutEndpoint = "https://us-east-1.signin.aws.amazon.com/oauth";
  return {
    region,
    stsEndpoint: env.AIRLOCK_STS_ENDPOINT ?? `https://${info.stsHost(region)}`,
    isDefaultSts: !env.AIRLOCK_STS_ENDPOINT,
    federationEndpoint,
    logoutEndpoint,
    samlEndpoint: info.samlEndpoint,
    audience: info.audience,
  };
}
