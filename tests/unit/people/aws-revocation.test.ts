import { describe, expect, it } from "vitest";
import type { LiveAwsSession } from "@/lib/audit/live-aws-sessions";
import { buildAwsRevocation, IN_FLIGHT_ISSUANCE_MS } from "@/lib/people/aws-revocation";

const revokedAt = new Date("2026-11-30T12:00:00.400Z");
const at = (ms: number) => new Date(revokedAt.getTime() + ms);
const session = (roleArn: string, issuedMs: number, sourceIdentity: string | null = "alice"): LiveAwsSession => ({
  action: "credentials.issue",
  issuedAt: at(issuedMs),
  expiresAt: at(3600_000 + issuedMs),
  accountId: roleArn.split(":")[4],
  roleName: roleArn.split("/").pop()!,
  roleArn,
  accessKeyId: "ASIAEXAMPLE",
  sourceIdentity,
});

describe("buildAwsRevocation", () => {
  it("denies every role with credentials issued before the revocation or in flight then, with the path from the ARN", () => {
    const plan = buildAwsRevocation({
      sessions: [
        session("arn:aws:iam::111111111111:role/Developer", -60_000),
        // Passed its session check before the revocation, recorded 1.2 s after it.
        session("arn:aws:iam::222222222222:role/team/ops/Admin", 1_200),
        // Issued well after: a new sign-in the admin allowed, not part of this revocation.
        session("arn:aws-us-gov:iam::333333333333:role/Later", IN_FLIGHT_ISSUANCE_MS + 60_000),
      ],
      revokedAt,
      derivedSourceIdentity: "derived",
    })!;
    expect(plan.cutoff).toEqual(at(1_200));
    expect(plan.expiresBy).toEqual(at(3600_000 + 1_200));
    expect(plan.putCommands).toContain("--role-name Developer");
    expect(plan.putCommands).toContain("--role-name Admin");
    expect(plan.putCommands).not.toContain("Later");
    expect(plan.accounts.map((a) => a.accountId)).toEqual(["111111111111", "222222222222"]);
    // The deny's cut-off is the last covered issuance, rounded up to the whole second.
    expect(JSON.parse(plan.policyDocument).Statement[0].Condition).toEqual({
      DateLessThan: { "aws:TokenIssueTime": "2026-11-30T12:00:02Z" },
      StringEquals: { "aws:SourceIdentity": "alice" },
    });
  });

  it("falls back to the derived SourceIdentity for rows without one, and is null without credentials", () => {
    const plan = buildAwsRevocation({
      sessions: [session("arn:aws:iam::111111111111:role/Developer", -1_000, null)],
      revokedAt,
      derivedSourceIdentity: "derived",
    })!;
    expect(JSON.parse(plan.policyDocument).Statement[0].Condition.StringEquals).toEqual({
      "aws:SourceIdentity": "derived",
    });
    expect(buildAwsRevocation({ sessions: [], revokedAt, derivedSourceIdentity: "x" })).toBeNull();
  });
});
