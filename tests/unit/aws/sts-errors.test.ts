import { describe, expect, it } from "vitest";
import { buildTrustStatement, translateStsError, type StsRequestFacts } from "@/lib/aws/sts-errors";

const facts: StsRequestFacts = {
  accountId: "111111111111",
  roleArn: "arn:aws:iam::111111111111:role/Developer",
  providerArn: "arn:aws:iam::111111111111:saml-provider/airlock",
  samlEndpoint: "https://signin.aws.amazon.com/saml",
  stsEndpoint: "https://sts.us-east-1.amazonaws.com",
  durationSeconds: 3600,
  sendsTags: true,
  sendsSourceIdentity: true,
};

describe("translateStsError", () => {
  it("builds the exact trust statement the role needs", () => {
    expect(buildTrustStatement(facts)).toEqual({
      Effect: "Allow",
      Principal: { Federated: facts.providerArn },
      Action: ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
      Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
    });
  });

  it.each([
    [{ name: "Throttling", message: "Rate exceeded" }, "throttling sign-in requests", "Throttling"],
    [
      { name: "TypeError", message: "fetch failed", cause: { code: "ECONNREFUSED" } },
      "could not reach AWS STS at https://sts.us-east-1.amazonaws.com",
      "TypeError",
    ],
    [
      { name: "TimeoutError", message: "The operation was aborted due to timeout" },
      "could not reach AWS STS",
      "TimeoutError",
    ],
    [
      { name: "RegionDisabledException", message: "STS is not activated" },
      "not activated in this region for account 111111111111",
      "RegionDisabled",
    ],
    [{ name: "SomethingNew", message: "odd" }, "AWS STS refused the request (SomethingNew: odd)", "SomethingNew"],
  ])("maps %j", (error, text, code) => {
    const translated = translateStsError(error, facts);
    expect(translated.code).toBe("upstream");
    expect(translated.status).toBe(502);
    expect(translated.message).toContain(text);
    expect(translated.details).toEqual({ awsErrorCode: code });
  });
});

describe("translateStsError with a read-only session policy", () => {
  it("names the policy and the setting when AWS refuses it", () => {
    const policyArns = ["arn:aws:iam::aws:policy/NoSuchPolicy"];
    const error = translateStsError(
      { name: "MalformedPolicyDocument", message: `Policy ${policyArns[0]} does not exist or is not attachable.` },
      { ...facts, policyArns },
    );
    expect(error.message).toBe(
      "AWS refused the read-only session policy arn:aws:iam::aws:policy/NoSuchPolicy (Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.). An Airlock administrator must set AIRLOCK_READ_ONLY_POLICY to an AWS managed policy that exists in this partition, such as ReadOnlyAccess.",
    );
    expect(error.details).toEqual({ awsErrorCode: "MalformedPolicyDocument" });
  });

  it("names the policy, not the SAML metadata, when STS calls it an invalid parameter", () => {
    const policyArns = ["arn:aws:iam::aws:policy/NoSuchPolicy"];
    const error = translateStsError(
      { name: "InvalidParameterValue", message: `Policy ${policyArns[0]} does not exist.` },
      { ...facts, policyArns },
    );
    expect(error.message).toContain("AWS refused the read-only session policy arn:aws:iam::aws:policy/NoSuchPolicy");
    expect(error.message).not.toContain("metadata");
  });

  it("says what to shorten when the packed tags and policies are too large", () => {
    const error = translateStsError({ name: "PackedPolicyTooLarge", message: "Packed policy consumes 105%" }, facts);
    expect(error.message).toBe(
      "AWS says this session's tags and policies are too large together (Packed policy consumes 105%). Shorten the reason if you gave a long one; if it keeps failing, tell your Airlock administrators.",
    );
  });
});
