import { describe, expect, it } from "vitest";
import { listChangeRows } from "@/lib/audit/describe-changes";
import { describeAuditEvent, type DescribableEvent } from "@/lib/audit/describe-event";

const names = new Map([["111111111111", "sandbox"]]);
const event = (e: Partial<DescribableEvent>): DescribableEvent => ({
  action: "signin",
  outcome: "success",
  reason: null,
  actor: "bob@example.com",
  accountId: null,
  roleName: null,
  details: null,
  ...e,
});

describe("describeAuditEvent", () => {
  it.each([
    [
      {
        action: "admin.mapping.create",
        accountId: "111111111111",
        roleName: "Developer",
        details: '{"before":null,"after":{"group":"data-eng","maxDurationSeconds":null}}',
      },
      "bob mapped data-eng → sandbox/Developer",
    ],
    [
      {
        action: "admin.mapping.delete",
        accountId: "999999999999",
        roleName: "Admin",
        details: '{"before":{"group":"ops"},"after":null}',
      },
      "bob unmapped ops from 999999999999/Admin",
    ],
    [
      { action: "admin.role.delete", accountId: "111111111111", roleName: "Analyst" },
      "bob deleted role sandbox/Analyst",
    ],
    [{ action: "admin.config.apply", details: '{"changes":[{},{}]}' }, "bob applied config as code (2 changes)"],
    [
      {
        action: "console.signin",
        outcome: "denied",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Admin",
      },
      "alice opened the AWS console as sandbox/Admin (refused)",
    ],
    [
      {
        action: "credentials.issue",
        outcome: "pending",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Developer",
      },
      "alice got CLI credentials for sandbox/Developer (pending: issued or not; completion could not be recorded)",
    ],
    [
      {
        action: "console.signin",
        outcome: "success",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Admin",
        details: '{"reason":"INC-42: restart the API"}',
      },
      'alice opened the AWS console as sandbox/Admin because "INC-42: restart the API"',
    ],
    [
      {
        action: "credentials.issue",
        outcome: "denied",
        reason: "reason_required",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Admin",
      },
      "alice got CLI credentials for sandbox/Admin (refused): no reason given",
    ],
    [
      {
        action: "console.signin",
        outcome: "denied",
        reason: "step_up_required",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Admin",
      },
      "alice opened the AWS console as sandbox/Admin (refused): the last sign-in at the IdP was too long ago (step-up)",
    ],
    [
      {
        action: "credentials.issue",
        outcome: "success",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Admin",
        details: '{"access":"read-only","sessionPolicyArns":["arn:aws:iam::aws:policy/ReadOnlyAccess"]}',
      },
      "alice got CLI credentials for sandbox/Admin (read-only)",
    ],
    [
      {
        action: "console.signin",
        outcome: "success",
        actor: "alice@example.com",
        accountId: "111111111111",
        roleName: "Admin",
        details: '{"access":"write","reason":"INC-7"}',
      },
      'alice opened the AWS console as sandbox/Admin with write access, asked for explicitly because "INC-7"',
    ],
    [{ action: "signin", outcome: "failure", actor: "mallory@example.com" }, "Sign-in refused for mallory@example.com"],
    [{ action: "something.new", details: "not json" }, "bob: something.new"],
  ])("%j", (e, sentence) => {
    expect(describeAuditEvent(event(e), names)).toBe(sentence);
  });
});

describe("listChangeRows", () => {
  it("shows only the changed fields of an update, durations in hours", () => {
    expect(
      listChangeRows({
        before: { name: "DataPlatform", maxSessionDuration: 7200, path: "/" },
        after: { name: "DataPlatform", maxSessionDuration: 14400, path: "/" },
      }),
    ).toEqual([{ field: "maxSessionDuration", before: "2 h", after: "4 h" }]);
  });

  it("shows every field of a creation, and other details one per row", () => {
    expect(listChangeRows({ before: null, after: { group: "eng", maxDurationSeconds: 5400 } })).toEqual([
      { field: "group", before: "", after: "eng" },
      { field: "maxDurationSeconds", before: "", after: "1.5 h" },
    ]);
    expect(listChangeRows({ subject: "alice@example.com", sessions: 2 })).toEqual([
      { field: "subject", before: "", after: "alice@example.com" },
      { field: "sessions", before: "", after: "2" },
    ]);
  });
});
