import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { chooseClientRegion } from "@/lib/federation/client-region";

describe("chooseClientRegion", () => {
  it.each([
    ["the requested region first", { requested: "eu-west-1", preferred: "ap-south-1" }, "eu-west-1"],
    ["else the console region the person chose", { preferred: "ap-south-1" }, "ap-south-1"],
    ["else the deployment's region", { preferred: null }, "us-east-1"],
    ["not a chosen region of another partition", { preferred: "us-gov-west-1" }, "us-east-1"],
  ])("takes %s", (_, input, expected) => {
    expect(chooseClientRegion({ ...input, partition: "aws", fallback: "us-east-1" })).toBe(expected);
  });

  it("refuses a requested region outside the account's partition, naming one that fits", () => {
    const call = () =>
      chooseClientRegion({ requested: "eu-west-1", partition: "aws-us-gov", fallback: "us-gov-west-1" });
    expect(call).toThrow(AppError);
    expect(call).toThrow(
      "eu-west-1 is not a region of this account's partition (aws-us-gov): choose a region such as us-gov-west-1.",
    );
  });
});
