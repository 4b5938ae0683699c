import "server-only";
import { AssumeRoleWithSAMLCommand, STSClient } from "@aws-sdk/client-sts";
import type { TemporaryCredentials } from "@/lib/aws/credential-formats";

/**
 * STS AssumeRoleWithSAML, unsigned: Airlock holds no AWS credentials, the signed assertion is the
 * proof. The SDK sends it unsigned only with a real region (not aws-global).
 */

const clients = new Map<string, STSClient>();

function getClient(region: string, endpoint: string | undefined): STSClient {
  const key = `${region}|${endpoint ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    client = new STSClient({ region, endpoint, maxAttempts: 2 });
    clients.set(key, client);
  }
  return client;
}

/** `stsMs`: time spent waiting on STS, reported as Server-Timing so overhead can be measured. */
export type AssumedRole = TemporaryCredentials & { assumedRoleArn: string; sourceIdentity?: string; stsMs: number };

export async function assumeRoleWithSaml({
  region,
  endpoint,
  roleArn,
  principalArn,
  samlResponseBase64,
  durationSeconds,
}: {
  region: string;
  endpoint?: string;
  roleArn: string;
  principalArn: string;
  samlResponseBase64: string;
  durationSeconds: number;
}): Promise<AssumedRole> {
  const started = performance.now();
  const result = await getClient(region, endpoint).send(
    new AssumeRoleWithSAMLCommand({
      RoleArn: roleArn,
      PrincipalArn: principalArn,
      SAMLAssertion: samlResponseBase64,
      DurationSeconds: durationSeconds,
    }),
    { abortSignal: AbortSignal.timeout(10_000) },
  );
  const stsMs = performance.now() - started;
  const c = result.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw Object.assign(new Error("STS answered without credentials"), { name: "IncompleteResponse" });
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
    assumedRoleArn: result.AssumedRoleUser?.Arn ?? "",
    sourceIdentity: result.SourceIdentity,
    stsMs,
  };
}
