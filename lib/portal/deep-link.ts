import { consoleDestinationRule, isConsoleDestination } from "@/lib/aws/console-destination";
import { isAwsRegionName } from "@/lib/aws/region-name";
import { roleNameSchema } from "@/lib/entitlements/schemas";

/** A /go link's query as the browser sent it. */
export type DeepLinkParams = {
  account?: string;
  role?: string;
  region?: string;
  destination?: string;
  /** `write` asks for write access on a read-only-first role (always confirmed on Airlock's page). */
  access?: string;
};

const ACCOUNT_MAX = 64;

/** A value from the link, quoted and cut short so a long one cannot flood the page. */
function quote(value: string): string {
  return `“${value.length > 60 ? `${value.slice(0, 60)}…` : value}”`;
}

/**
 * What is wrong with a /go link, in words for the person who clicked it (empty when nothing is).
 * Checked before the entitlement, so an incomplete link is not mistaken for a refusal. Pure.
 */
export function findDeepLinkProblems({ account = "", role = "", region, destination }: DeepLinkParams): string[] {
  if (!account && !role) return ["It does not say which account and role to open."];
  const problems: string[] = [];
  if (!account) problems.push("It names no account.");
  else if (account.length > ACCOUNT_MAX)
    problems.push(`${quote(account)} is neither a 12-digit account id nor an account name.`);
  if (!role) problems.push(account ? `It names no role to open in ${quote(account)}.` : "It names no role.");
  else if (!roleNameSchema.safeParse(role).success)
    problems.push(`${quote(role)} is not an IAM role name: those are 1-64 letters, digits or any of + = , . @ _ -.`);
  if (region && !isAwsRegionName(region))
    problems.push(`${quote(region)} is not an AWS region name, such as eu-west-1 or us-east-1.`);
  if (destination && !isConsoleDestination(destination)) {
    const rule = consoleDestinationRule.charAt(0).toUpperCase() + consoleDestinationRule.slice(1);
    problems.push(`Airlock does not open the console at ${quote(destination)}. ${rule}`);
  }
  return problems;
}
