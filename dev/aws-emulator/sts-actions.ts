import { createHash, randomUUID } from "node:crypto";
import { authenticateCaller } from "./caller";
import { readSessionPolicyArns } from "./managed-policies";
import { buildResponseXml, escapeXml as esc, type QueryOutcome } from "./query-xml";
import { isAllowedByTrust, providerArnOf, roleArnOf, roleIdOf, type EmulatorState } from "./state";
import { StsError } from "./sts-error";
import type { SessionStore } from "./sessions";
import type { SigV4Request } from "./sigv4";
import { parseProviderMetadata, verifySamlResponse, type ProviderMetadata } from "./verify-saml";

export const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ATTR = "https://aws.amazon.com/SAML/Attributes/";
const SAML_ENDPOINT: Record<string, string> = {
  aws: "https://signin.aws.amazon.com/saml",
  "aws-us-gov": "https://signin.amazonaws-us-gov.com/saml",
  "aws-cn": "https://signin.amazonaws.cn/saml",
};
const AUDIENCE: Record<string, string> = {
  aws: "urn:amazon:webservices",
  "aws-us-gov": "urn:amazon:webservices:govcloud",
  "aws-cn": "urn:amazon:webservices:cn",
};
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const metadataCache = new Map<string, { metadata: ProviderMetadata; fetched: number }>();
const parsedMetadata = new Map<string, ProviderMetadata>();

async function providerMetadata(provider: EmulatorState["providers"][number]): Promise<ProviderMetadata> {
  if (provider.metadataXml) {
    const parsed = parsedMetadata.get(provider.metadataXml) ?? parseProviderMetadata(provider.metadataXml);
    parsedMetadata.set(provider.metadataXml, parsed);
    return parsed;
  }
  if (!provider.metadataUrl) throw new StsError("InvalidIdentityToken", "The SAML provider has no metadata");
  const cached = metadataCache.get(provider.metadataUrl);
  if (cached && Date.now() - cached.fetched < 30_000) return cached.metadata;
  const response = await fetch(provider.metadataUrl).catch(() => undefined);
  if (!response?.ok)
    throw new StsError("IDPCommunicationError", `Could not read the provider metadata at ${provider.metadataUrl}`);
  const metadata = parseProviderMetadata(await response.text());
  metadataCache.set(provider.metadataUrl, { metadata, fetched: Date.now() });
  return metadata;
}

export async function assumeRoleWithSaml(
  params: URLSearchParams,
  state: EmulatorState,
  store: SessionStore,
  requestId: string,
): Promise<QueryOutcome> {
  const partition = state.partition ?? "aws";
  const roleArn = params.get("RoleArn") ?? "";
  const principalArn = params.get("PrincipalArn") ?? "";
  const assertionB64 = params.get("SAMLAssertion") ?? "";
  const log = { roleArn, principalArn };
  if (!roleArn || !principalArn || !assertionB64)
    throw new StsError("MissingParameter", "RoleArn, PrincipalArn and SAMLAssertion are required");
  if (assertionB64.length > 100_000)
    throw new StsError(
      "ValidationError",
      "1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length less than or equal to 100000",
    );
  const durationSeconds = params.has("DurationSeconds") ? Number(params.get("DurationSeconds")) : 3600;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200) {
    throw new StsError(
      "ValidationError",
      `1 validation error detected: Value '${params.get("DurationSeconds")}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }

  const policyArns = readSessionPolicyArns(params, partition);

  const provider = state.providers.find((p) => providerArnOf(p, partition) === principalArn);
  if (!provider)
    throw new StsError(
      "InvalidIdentityToken",
      `Specified provider doesn't exist (Service: AWSOpenIdDiscoveryService; Status Code: 400; Error Code: InvalidIdentityToken)`,
    );
  const xml = Buffer.from(assertionB64, "base64").toString("utf8");
  const samlEndpoint = SAML_ENDPOINT[partition];
  const verified = await verifySamlResponse({
    xml,
    metadata: await providerMetadata(provider),
    audience: AUDIENCE[partition],
    recipient: samlEndpoint,
  });

  const pairs = (verified.attributes.get(`${ATTR}Role`) ?? []).map((v) => v.split(",").map((s) => s.trim()));
  if (!pairs.some((pair) => pair.includes(roleArn) && pair.includes(principalArn))) {
    throw new StsError("InvalidIdentityToken", "SAML assertion doesn't contain the requested Role and Provider pair");
  }
  const sessionName = verified.attributes.get(`${ATTR}RoleSessionName`)?.[0];
  if (!sessionName) throw new StsError("InvalidIdentityToken", "RoleSessionName is required in AuthnResponse");
  if (!SESSION_NAME.test(sessionName))
    throw new StsError("InvalidIdentityToken", `Invalid RoleSessionName in AuthnResponse: ${sessionName}`);
  const sourceIdentity = verified.attributes.get(`${ATTR}SourceIdentity`)?.[0];
  if (sourceIdentity !== undefined && (!SESSION_NAME.test(sourceIdentity) || /^aws:/i.test(sourceIdentity)))
    throw new StsError("ValidationError", `Invalid SourceIdentity: ${sourceIdentity}`);
  const tags: Record<string, string> = {};
  for (const [name, values] of verified.attributes)
    if (name.startsWith(`${ATTR}PrincipalTag:`)) tags[name.slice(`${ATTR}PrincipalTag:`.length)] = values[0] ?? "";
  if (Object.keys(tags).length > 50) throw new StsError("PackedPolicyTooLarge", "Too many session tags");

  const role = state.roles.find((r) => roleArnOf(r, partition) === roleArn);
  const context = { "SAML:aud": samlEndpoint, "SAML:sub": verified.nameId, "SAML:iss": verified.issuer };
  const allows = (action: string) =>
    role !== undefined && isAllowedByTrust(role, { providerArn: principalArn, action, context });
  if (!role || !allows("sts:AssumeRoleWithSAML"))
    throw new StsError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML", 403);
  if (Object.keys(tags).length && !allows("sts:TagSession"))
    throw new StsError("AccessDenied", "Not authorized to perform sts:TagSession", 403);
  if (sourceIdentity && !allows("sts:SetSourceIdentity"))
    throw new StsError("AccessDenied", "Not authorized to perform sts:SetSourceIdentity", 403);
  if (durationSeconds > role.maxSessionDuration)
    throw new StsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );

  const roleId = roleIdOf(role, partition);
  const assumedRoleArn = `arn:${partition}:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`;
  const session = store.issue({
    expiration: new Date(Date.now() + durationSeconds * 1000),
    accountId: role.accountId,
    roleName: role.name,
    roleId,
    assumedRoleArn,
    sessionName,
    sourceIdentity,
    tags,
    policyArns,
    issuer: verified.issuer,
    subject: verified.nameId,
  });
  const nameQualifier = createHash("sha1")
    .update(`${verified.issuer}${role.accountId}/${provider.name}`)
    .digest("base64");
  return {
    // The session's tags, length and session policies, as CloudTrail records them: tests read them from the request log.
    log: { ...log, accessKeyId: session.accessKeyId, assumedRoleArn, durationSeconds, sessionTags: tags, policyArns },
    xml: buildResponseXml(
      STS_NS,
      "AssumeRoleWithSAML",
      `    <Audience>${esc(samlEndpoint)}</Audience>\n` +
        `    <AssumedRoleUser>\n      <AssumedRoleId>${roleId}:${esc(sessionName)}</AssumedRoleId>\n      <Arn>${esc(assumedRoleArn)}</Arn>\n    </AssumedRoleUser>\n` +
        `    <Credentials>\n      <AccessKeyId>${session.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${esc(session.secretAccessKey)}</SecretAccessKey>\n      <SessionToken>${esc(session.sessionToken)}</SessionToken>\n      <Expiration>${session.expiration.toISOString()}</Expiration>\n    </Credentials>\n` +
        `    <Issuer>${esc(verified.issuer)}</Issuer>\n    <NameQualifier>${esc(nameQualifier)}</NameQualifier>\n    <Subject>${esc(verified.nameId)}</Subject>\n    <SubjectType>persistent</SubjectType>\n` +
        (sourceIdentity ? `    <SourceIdentity>${esc(sourceIdentity)}</SourceIdentity>\n` : ""),
      requestId,
    ),
  };
}

/** Who the caller is; allowed even under a Deny, as AWS documents for GetCallerIdentity. */
export function getCallerIdentity(
  request: SigV4Request,
  { state, store, requestId }: { state: EmulatorState; store: SessionStore; requestId: string },
): QueryOutcome {
  const caller = authenticateCaller(request, state, store);
  return {
    log: { accessKeyId: caller.kind === "session" ? caller.session.accessKeyId : undefined, caller: caller.arn },
    xml: buildResponseXml(
      STS_NS,
      "GetCallerIdentity",
      `    <Arn>${esc(caller.arn)}</Arn>\n    <UserId>${esc(caller.userId)}</UserId>\n    <Account>${caller.accountId}</Account>\n`,
      requestId,
    ),
  };
}

export const newRequestId = () => randomUUID();
