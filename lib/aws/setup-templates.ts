import { stringify } from "yaml";
import { buildRoleArn, buildSamlProviderArn } from "@/lib/aws/arn";
import { partitionInfo } from "@/lib/aws/partitions";
import { buildTrustStatement, type TrustPrincipal } from "@/lib/aws/sts-errors";
import type { Partition } from "@/lib/entitlements/schemas";

/**
 * What an AWS admin deploys in each account so that Airlock's assertions are accepted: the IAM
 * SAML provider holding Airlock's metadata, and each mapped role with the trust policy Airlock
 * needs. Pure; CloudFormation and Terraform say the same thing.
 */

export type SetupAccount = { id: string; name: string; partition: Partition };
export type SetupInput = { account: SetupAccount; roles: SetupRole[]; providerName: string; metadataXml: string };
export type SetupRole = {
  name: string;
  path: string;
  maxSessionDuration: number;
  description: string | null;
  samlProviderName: string | null;
};

// IAM's MaxSessionDuration starts at one hour even though STS sessions may be shorter.
const iamMaxSession = (seconds: number) => Math.min(43_200, Math.max(3600, seconds));

function logicalId(prefix: string, name: string): string {
  return `${prefix}${name.replace(/[^A-Za-z0-9]/g, "")}`.slice(0, 255);
}

/** Every SAML provider the roles name, the default one included, each once. */
function listProviderNames(roles: SetupRole[], providerName: string): string[] {
  return [...new Set([providerName, ...roles.map((r) => r.samlProviderName ?? providerName)])];
}

/** A role's whole trust policy: Airlock's statement, with session tags and source identity allowed. */
export function buildTrustPolicy(providerArn: TrustPrincipal, samlEndpoint: string) {
  return {
    Version: "2012-10-17",
    Statement: [buildTrustStatement({ providerArn, samlEndpoint, sendsTags: true, sendsSourceIdentity: true })],
  };
}

export function buildCloudFormationTemplate({ account, roles, providerName, metadataXml }: SetupInput): string {
  const samlEndpoint = partitionInfo[account.partition].samlEndpoint;
  const providerNames = listProviderNames(roles, providerName);
  const resources: Record<string, unknown> = {};
  for (const name of providerNames) {
    resources[logicalId("SamlProvider", name)] = {
      Type: "AWS::IAM::SAMLProvider",
      Properties: { Name: name, SamlMetadataDocument: metadataXml },
    };
  }
  for (const role of roles) {
    resources[logicalId("Role", role.name)] = {
      Type: "AWS::IAM::Role",
      Properties: {
        RoleName: role.name,
        Path: role.path,
        MaxSessionDuration: iamMaxSession(role.maxSessionDuration),
        ...(role.description ? { Description: role.description.slice(0, 1000) } : {}),
        // Ref of an AWS::IAM::SAMLProvider is its ARN.
        AssumeRolePolicyDocument: buildTrustPolicy(
          { Ref: logicalId("SamlProvider", role.samlProviderName ?? providerName) },
          samlEndpoint,
        ),
      },
    };
  }
  return stringify(
    {
      AWSTemplateFormatVersion: "2010-09-09",
      Description: `Airlock SAML federation for AWS account ${account.id} (${account.name}): the IAM SAML provider and the trust policy of each role Airlock maps. Attach permission policies to the roles separately.`,
      Resources: resources,
      Outputs: {
        SamlProviderArn: {
          Description: "Airlock's SAML provider",
          Value: { Ref: logicalId("SamlProvider", providerName) },
        },
      },
    },
    { lineWidth: 0 },
  );
}

// HCL strings are templates: `${` and `%{` start interpolations and directives unless doubled.
const escapeTemplate = (text: string) => text.replace(/([$%])\{/g, "$1$1{");

const hclEscapes: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A quoted HCL string whose value is exactly `value`: no interpolation, no line break, no raw control character. */
function hclString(value: string): string {
  const escaped = value.replace(
    /[\\"\p{Cc}\p{Zl}\p{Zp}]/gu,
    (c) => hclEscapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `"${escapeTemplate(escaped)}"`;
}

/** One line of text for a `#` comment: line breaks and control characters become spaces. */
const commentText = (text: string) => text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ");

export function buildTerraform({ account, roles, providerName, metadataXml }: SetupInput): string {
  const samlEndpoint = partitionInfo[account.partition].samlEndpoint;
  const providerNames = listProviderNames(roles, providerName);
  const ref = (name: string) => `aws_iam_saml_provider.${logicalId("p_", name).toLowerCase()}.arn`;
  const blocks = providerNames.map(
    (name) =>
      `resource "aws_iam_saml_provider" "${logicalId("p_", name).toLowerCase()}" {\n  name                   = ${hclString(name)}\n  saml_metadata_document = <<-EOT\n${escapeTemplate(metadataXml.trim())}\n  EOT\n}\n`,
  );
  for (const role of roles) {
    const policy = JSON.stringify(buildTrustPolicy("__PROVIDER__", samlEndpoint), null, 2).replace(
      '"__PROVIDER__"',
      ref(role.samlProviderName ?? providerName),
    );
    blocks.push(
      `resource "aws_iam_role" "${logicalId("r_", role.name).toLowerCase()}" {\n  name                 = ${hclString(role.name)}\n  path                 = ${hclString(role.path)}\n  max_session_duration = ${iamMaxSession(role.maxSessionDuration)}\n  assume_role_policy = jsonencode(${policy.replace(/\n/g, "\n  ")})\n}\n`,
    );
  }
  const header = [
    `Airlock SAML federation for AWS account ${account.id} (${account.name}).`,
    `Role ARNs: ${roles.map((r) => buildRoleArn({ partition: account.partition, accountId: account.id, path: r.path, name: r.name })).join(", ") || "none"}`,
    `Provider: ${buildSamlProviderArn({ partition: account.partition, accountId: account.id, name: providerName })}`,
  ];
  return `${header.map((line) => `# ${commentText(line)}\n`).join("")}\n${blocks.join("\n")}`;
}
