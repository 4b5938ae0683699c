import { parse as parseTerraform } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildCloudFormationTemplate, buildTerraform, type SetupInput } from "@/lib/aws/setup-templates";
import { parseHcl, type HclBlock } from "@/tests/support/hcl-subset";

// Names that would break out of a string, a comment or a line if written as they are. The schemas
// refuse most of these at input; the templates must still say exactly what is stored.
const hostile = [
  'line\nresource "aws_iam_user" "evil" {}',
  '${jsonencode("x")}',
  "%{ if true }x%{ endif }",
  'quote " backslash \\ end \\',
  "}} $${ %%{ $$${x} ${",
  "sep\u2028para\u2029next\u0085line",
  "cr\r\ntab\tnul\u0000bell\u0007",
  '\\"\nevil = "1',
];

const metadataXml = '<md:EntityDescriptor entityID="https://airlock.example.com/saml/idp"/>\n';

function inputWith(name: string): SetupInput {
  return {
    account: { id: "123456789012", name, partition: "aws" },
    roles: hostile.map((h, i) => ({
      name: `Role${i}${h}`,
      path: `/${h}/`,
      maxSessionDuration: 3600,
      description: h,
      samlProviderName: null,
    })),
    providerName: "airlock",
    metadataXml,
  };
}

describe.each(hostile)("setup templates for hostile name %j", (name) => {
  const input = inputWith(name);

  it("Terraform parses to exactly the intended resources and values", () => {
    const parsed = parseHcl(buildTerraform(input));
    expect(parsed.attributes).toEqual({});
    const byType = (type: string) => parsed.blocks.filter((b) => b.labels[0] === type);
    expect(parsed.blocks.every((b) => b.type === "resource")).toBe(true);
    expect(parsed.blocks).toHaveLength(1 + input.roles.length);
    const [provider] = byType("aws_iam_saml_provider");
    expect(provider.body).toEqual({
      attributes: { name: "airlock", saml_metadata_document: metadataXml },
      blocks: [],
    });
    const roles = byType("aws_iam_role");
    expect(roles.map((r: HclBlock) => Object.keys(r.body.attributes))).toEqual(
      input.roles.map(() => ["name", "path", "max_session_duration", "assume_role_policy"]),
    );
    expect(roles.map((r) => [r.body.attributes.name, r.body.attributes.path])).toEqual(
      input.roles.map((r) => [r.name, r.path]),
    );
    expect(roles[0].body.attributes.assume_role_policy).toMatchObject({ call: "jsonencode" });
  });

  it("HashiCorp's own HCL parser reads the Terraform back with exactly the intended resources and values", async () => {
    // hcl2json answers in Terraform's JSON syntax, where a literal ${ or %{ is written $${ or %%{
    // and a bare one is a live interpolation: the intended text must come back in its literal form.
    const literal = (value: string) => value.replace(/\$\{/g, () => "$${").replace(/%\{/g, "%%{");
    type Resource = Record<string, [Record<string, unknown>]>;
    const { resource } = (await parseTerraform("main.tf", buildTerraform(input))) as {
      resource: { aws_iam_saml_provider: Resource; aws_iam_role: Resource };
    };
    expect(Object.keys(resource).sort()).toEqual(["aws_iam_role", "aws_iam_saml_provider"]);
    const [provider] = Object.values(resource.aws_iam_saml_provider);
    expect(provider[0].saml_metadata_document).toBe(literal(metadataXml));
    const roles = Object.values(resource.aws_iam_role).map(([r]) => [r.name, r.path]);
    expect(roles.sort()).toEqual(input.roles.map((r) => [literal(r.name), literal(r.path)]).sort());
  });

  it("CloudFormation parses to exactly the intended resources and values", () => {
    const template = parse(buildCloudFormationTemplate(input));
    expect(Object.keys(template)).toEqual(["AWSTemplateFormatVersion", "Description", "Resources", "Outputs"]);
    expect(template.Description).toContain(`(${name}):`);
    const resources = Object.values(template.Resources) as { Type: string; Properties: Record<string, unknown> }[];
    expect(resources.map((r) => r.Type)).toEqual([
      "AWS::IAM::SAMLProvider",
      ...input.roles.map(() => "AWS::IAM::Role"),
    ]);
    expect(resources[0].Properties).toEqual({ Name: "airlock", SamlMetadataDocument: metadataXml });
    expect(resources.slice(1).map((r) => [r.Properties.RoleName, r.Properties.Path, r.Properties.Description])).toEqual(
      input.roles.map((r) => [r.name, r.path, r.description]),
    );
  });
});
