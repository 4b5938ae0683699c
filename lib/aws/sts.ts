import "server-only";
import { AssumeRoleWithSAMLCommand, STSClient } from "@aws-sdk/client-sts";
import type { TemporaryCredentials } from "@/lib/aws/credential-formats";

/**
 * STS AssumeRoleWithSAML, unsigned: Airlock holds no AWS credentials, the signed assertion is the
 * proof. The SDK sends it unsigned only with a real region (not aws-global).
 */

// Per attempt, two attempts: an STS that does not answer fails the issuance within about 10 s.
const STS_ATTEMPT_TIMEOUT_MS = 5_000;
const clients = new Map<string, STSClient>();

function getClient(region: string, endpoint: string | undefined, timeoutMs: number): STSClient {
  const key = `${region}|${endpoint ?? ""}|${timeoutMs}`;
  let client = clients.get(key);
  if (!client) {
    client = new STSClient({
      region,
      endpoint,
      maxAttempts: 2,
      // Timeouts on the handler, not an abort signal per call: a call without options reuses
      // the client's resolved middleware (cacheMiddleware) instead of rebuilding it every time.
      requestHandler: {
        connectionTimeout: timeoutMs,
        requestTimeout: timeoutMs,
        throwOnRequestTimeout: true,
      },
      cacheMiddleware: true,
    });
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
  policyArns = [],
  attemptTimeoutMs = STS_ATTEMPT_TIMEOUT_MS,
}: {
  region: string;
  endpoint?: string;
  roleArn: string;
  principalArn: string;
  samlResponseBase64: string;
  durationSeconds: number;
  /** Session policies: the session may do only what the role and one of these allow. */
  policyArns?: readonly string[];
  attemptTimeoutMs?: number;
}): Promise<AssumedRole> {
  const started = performance.now();
  const result = await getClient(region, endpoint, attemptTimeoutMs).send(
    new AssumeRoleWithSAMLCommand({
      RoleArn: roleArn,
      PrincipalArn: principalArn,
      SAMLAssertion: samlResponseBase64,
      DurationSeconds: durationSeconds,
      ...(policyArns.length ? { PolicyArns: policyArns.map((arn) => ({ arn })) } : {}),
    }),
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
