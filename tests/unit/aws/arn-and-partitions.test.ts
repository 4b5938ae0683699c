import { describe, expect, it } from "vitest";
import { buildRoleArn, buildSamlProviderArn, parseAssumedRoleArn } from "@/lib/aws/arn";
import { buildConsoleUrl, partitionInfo, partitionOfRegion } from "@/lib/aws/partitions";
import { resolveAwsEndpoints } from "@/lib/federation/aws-endpoints";

describe("ARNs", () => {
  it.each([
    [{ partition: "aws", accountId: "111111111111", name: "Developer" }, "arn:aws:iam::111111111111:role/Developer"],
    [
      { partition: "aws", accountId: "111111111111", path: "/team/platform/", name: "Deploy" },
      "arn:aws:iam::111111111111:role/team/platform/Deploy",
    ],
    [
      { partition: "aws-us-gov", accountId: "222222222222", name: "ReadOnly" },
      "arn:aws-us-gov:iam::222222222222:role/ReadOnly",
    ],
    [
      { partition: "aws-cn", accountId: "333333333333", path: "/x/", name: "Admin" },
      "arn:aws-cn:iam::333333333333:role/x/Admin",
    ],
  ] as const)("builds role ARN %j", (input, arn) => {
    expect(buildRoleArn(input)).toBe(arn);
  });

  it("builds SAML provider ARNs per partition and parses assumed-role ARNs", () => {
    expect(buildSamlProviderArn({ partition: "aws-cn", accountId: "333333333333", name: "airlock" })).toBe(
      "arn:aws-cn:iam::333333333333:saml-provider/airlock",
    );
    expect(parseAssumedRoleArn("arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com")).toEqual({
      partition: "aws",
      accountId: "111111111111",
      roleName: "Developer",
      sessionName: "alice@example.com",
    });
    expect(parseAssumedRoleArn("arn:aws:iam::111111111111:role/Developer")).toBeUndefined();
  });
});

describe("partitions", () => {
  it("knows each partition's SAML endpoint, audience and console host", () => {
    expect(partitionInfo.aws).toMatchObject({
      samlEndpoint: "https://signin.aws.amazon.com/saml",
      audience: "urn:amazon:webservices",
    });
    expect(partitionInfo["aws-us-gov"]).toMatchObject({
      samlEndpoint: "https://signin.amazonaws-us-gov.com/saml",
      audience: "urn:amazon:webservices:govcloud",
    });
    expect(partitionInfo["aws-cn"]).toMatchObject({
      samlEndpoint: "https://signin.amazonaws.cn/saml",
      federationEndpoint: "https://signin.amazonaws.cn/federation",
    });
    expect(partitionOfRegion("us-gov-west-1")).toBe("aws-us-gov");
    expect(partitionOfRegion("cn-northwest-1")).toBe("aws-cn");
    expect(partitionOfRegion("eu-central-1")).toBe("aws");
  });

  it.each([
    [{ partition: "aws" }, "https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1"],
    [
      { partition: "aws", region: "eu-west-1" },
      "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1",
    ],
    [
      { partition: "aws", region: "eu-west-1", destination: "s3" },
      "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1",
    ],
    [
      { partition: "aws", region: "us-west-2", destination: "ec2/home#Instances" },
      "https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances",
    ],
    [
      { partition: "aws-us-gov" },
      "https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1",
    ],
    [
      { partition: "aws-cn", destination: "/lambda/home" },
      "https://cn-north-1.console.amazonaws.cn/lambda/home?region=cn-north-1",
    ],
  ] as const)("console URL for %j", (input, url) => {
    expect(buildConsoleUrl(input)).toBe(url);
  });

  it("resolves STS and federation endpoints, with the us-east-1 logout hop for the commercial partition only", () => {
    const base = {
      AIRLOCK_AWS_REGION: "eu-west-1",
      AIRLOCK_STS_ENDPOINT: undefined,
      AIRLOCK_SIGNIN_ENDPOINT: undefined,
    };
    expect(resolveAwsEndpoints(base, "aws")).toMatchObject({
      region: "eu-west-1",
      stsEndpoint: "https://sts.eu-west-1.amazonaws.com",
      isDefaultSts: true,
      federationEndpoint: "https://signin.aws.amazon.com/federation",
      logoutEndpoint: "https://us-east-1.signin.aws.amazon.com/oauth",
    });
    expect(resolveAwsEndpoints(base, "aws-cn")).toMatchObject({
      region: "cn-north-1",
      stsEndpoint: "https://sts.cn-north-1.amazonaws.com.cn",
      logoutEndpoint: undefined,
    });
    expect(
      resolveAwsEndpoints(
        {
          ...base,
          AIRLOCK_STS_ENDPOINT: "http://127.0.0.1:3003",
          AIRLOCK_SIGNIN_ENDPOINT: "http://localhost:3003/federation",
        },
        "aws",
      ),
    ).toMatchObject({
      stsEndpoint: "http://127.0.0.1:3003",
      isDefaultSts: false,
      logoutEndpoint: "http://localhost:3003/oauth",
      samlEndpoint: "https://signin.aws.amazon.com/saml",
    });
  });
});
