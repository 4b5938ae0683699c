import { describe, expect, it } from "vitest";
import { sessionAccess } from "@/lib/entitlements/read-only-first";

describe("sessionAccess", () => {
  const role = (readOnlyFirst: boolean, partition = "aws") =>
    ({ readOnlyFirst, account: { id: "333333333333", name: "production", environment: "prod", partition } }) as never;
  it.each([
    {
      readOnlyFirst: true,
      access: undefined,
      expected: { policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], audited: "read-only" },
    },
    {
      readOnlyFirst: true,
      access: "read-only",
      expected: { policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], audited: "read-only" },
    },
    { readOnlyFirst: true, access: "write", expected: { policyArns: [], audited: "write" } },
    { readOnlyFirst: false, access: undefined, expected: { policyArns: [], audited: undefined } },
    { readOnlyFirst: false, access: "write", expected: { policyArns: [], audited: undefined } },
    {
      readOnlyFirst: false,
      access: "read-only",
      expected: { policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], audited: "read-only" },
    },
  ] as const)("read-only first $readOnlyFirst, asked $access", ({ readOnlyFirst, access, expected }) => {
    expect(sessionAccess({ entitlement: role(readOnlyFirst), access, policyName: "ReadOnlyAccess" })).toEqual(expected);
  });

  it("names the policy in the account's partition", () => {
    expect(
      sessionAccess({
        entitlement: role(true, "aws-us-gov"),
        access: undefined,
        policyName: "job-function/ViewOnlyAccess",
      }).policyArns,
    ).toEqual(["arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess"]);
  });
});
