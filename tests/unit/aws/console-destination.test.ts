import { describe, expect, it } from "vitest";
import { isConsoleDestination } from "@/lib/aws/console-destination";
import { buildConsoleUrl } from "@/lib/aws/partitions";
import { consoleOptionsSchema } from "@/lib/http/issuance-input";

describe("console destinations", () => {
  it.each([
    "s3",
    "/ec2/home",
    "s3/buckets",
    "s3/buckets/my-bucket/",
    "ec2/home#Instances:instanceState=running",
    "s3/buckets/logs?region=eu-west-1&tab=objects&prefix=2024/05/",
    "lambda/home#/functions/my-function",
    "cloudwatch/home#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fapi",
    "cloudformation/home#/stacks",
  ])("accepts %j", (destination) => {
    expect(isConsoleDestination(destination)).toBe(true);
  });

  it.each([
    "https://evil.example.com/",
    "//evil.example.com",
    "cloudformation/home#/stacks/quickcreate?templateURL=https://evil.example.com/t.yaml&stackName=x",
    "cloudformation/home?templateURL=https%3A%2F%2Fevil.example.com%2Ft.yaml#/stacks/quickcreate",
    "cloudformation/home#/stacks/quickcreate?templateUrl=s3.amazonaws.com/evil/t.yaml",
    "cloudformation/home#/stacks/new?stackName=x&templateURL=evil.example.com",
    "s3/home?redirect=/x",
    "s3/home?redirect_uri=x",
    "s3/home?returnTo=x",
    "s3/home?x=http:evil.example.com",
    "s3/home?x=https%253A%252F%252Fevil.example.com",
    "s3/home?x=%2F%2Fevil.example.com",
    "s3/home#x=$2F$2Fevil.example.com",
    "s3/home?x=javascript:alert(1)",
    "s3/home?x=%E0%A4%A",
    "s3/home?x=%25252525252F%25252525252F",
    "s3/../../evil",
    "s3\\evil",
    "s3 home",
    "s3/home?x=<script>",
    `s3/${"a".repeat(600)}`,
  ])("refuses %j, saying why", (destination) => {
    expect(isConsoleDestination(destination)).toBe(false);
    const parsed = consoleOptionsSchema.safeParse({ destination });
    expect(parsed.error?.issues[0].message).toMatch(/no parameter that takes a URL, such as templateURL/);
  });

  it.each([
    ["s3", "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1"],
    ["/ec2/home#Instances", "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances"],
    [
      "s3/buckets/logs?tab=objects#x",
      "https://eu-west-1.console.aws.amazon.com/s3/buckets/logs?region=eu-west-1&tab=objects#x",
    ],
  ])("%j opens %j", (destination, url) => {
    expect(buildConsoleUrl({ partition: "aws", region: "eu-west-1", destination })).toBe(url);
  });
});
