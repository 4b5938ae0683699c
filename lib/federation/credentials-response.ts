import {
  buildProfileName,
  CredentialFormatError,
  credentialFormats,
  formatCredentials,
  type CredentialFormat,
  type TemporaryCredentials,
} from "@/lib/aws/credential-formats";

/** What STS issued, with what the person asked for and the region their AWS clients should use. */
export type IssuedCredentials = TemporaryCredentials & {
  accountId: string;
  accountName: string;
  roleName: string;
  roleArn: string;
  assumedRoleArn: string;
  durationSeconds: number;
  /** The region for the person's AWS clients (see chooseClientRegion), not necessarily STS's. */
  region: string;
  /** Session policies that limit the credentials (a read-only-first role's), when any. */
  sessionPolicyArns?: string[];
  stsMs: number;
};

/** The answer of POST /api/credentials (`stsMs` goes into Server-Timing, not the body). */
export type CredentialsResponse = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  durationSeconds: number;
  region: string;
  accountId: string;
  accountName: string;
  roleName: string;
  assumedRoleArn: string;
  profileName: string;
  formats: Partial<Record<CredentialFormat, string>>;
  /** Formats these credentials cannot be written in safely, each with why and what to use instead. */
  unavailableFormats: Partial<Record<CredentialFormat, string>>;
  /** Session policies that limit the credentials (a read-only-first role's), when any. */
  sessionPolicyArns?: string[];
  stsMs: number;
};

/** Issued credentials in every format they can be written in safely. Pure. */
export function toCredentialsResponse(issued: IssuedCredentials): CredentialsResponse {
  const profileName = buildProfileName({ accountName: issued.accountName, roleName: issued.roleName });
  const formats: Partial<Record<CredentialFormat, string>> = {};
  const unavailableFormats: Partial<Record<CredentialFormat, string>> = {};
  for (const { id } of credentialFormats) {
    try {
      formats[id] = formatCredentials(id, issued, { profileName, region: issued.region });
    } catch (error) {
      // A value this format cannot hold safely: leave the format out rather than print it wrong.
      if (!(error instanceof CredentialFormatError)) throw error;
      unavailableFormats[id] = error.message;
    }
  }
  return {
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: issued.expiration.toISOString(),
    durationSeconds: issued.durationSeconds,
    region: issued.region,
    accountId: issued.accountId,
    accountName: issued.accountName,
    roleName: issued.roleName,
    assumedRoleArn: issued.assumedRoleArn,
    profileName,
    formats,
    unavailableFormats,
    ...(issued.sessionPolicyArns && { sessionPolicyArns: issued.sessionPolicyArns }),
    stsMs: issued.stsMs,
  };
}
