import { copyFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildAwsConfig, listConfigProfiles } from "@/lib/terminal/aws-config";
import { replaceMarkedBlock } from "@/lib/terminal/replace-marked-block";
import { stringOption } from "../args";
import { fetchEntitlements } from "../entitlements";
import { CliError } from "../errors";
import { withFreshGroups } from "../fresh-groups";
import { isBrowserAllowed } from "../open-browser";
import { awsConfigFile } from "../paths";
import { readOptionalFile } from "../private-file";
import { requireSession } from "../session-store";

/** Writes the new text next to the file and renames it over, keeping the file's mode. */
function replaceFile(file: string, text: string): void {
  const mode = existsSync(file) ? statSync(file).mode & 0o777 : 0o600;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.airlock-${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, file);
}

// airlock config [--write] [--prefix P] [--region R]: a ~/.aws/config profile for every role.
export async function runConfig(options: Record<string, string | boolean>): Promise<void> {
  const session = requireSession();
  const entitlements = await withFreshGroups(session, { allowBrowser: isBrowserAllowed(options) }, () =>
    fetchEntitlements(session),
  );
  const region = stringOption(options, "region") ?? entitlements.defaultRegion;
  const prefix = stringOption(options, "prefix") ?? "";
  let block: string;
  try {
    block = buildAwsConfig({ roles: entitlements.roles, region, prefix, portalUrl: session.url });
  } catch (error) {
    throw new CliError("usage", `${(error as Error).message}. Pass --region, e.g. --region eu-central-1.`);
  }
  if (!options.write) {
    process.stdout.write(block);
    return;
  }
  const file = awsConfigFile();
  const existing = readOptionalFile(file) ?? "";
  const result = replaceMarkedBlock(existing, block);
  if (!result.ok && result.reason === "unterminated_block")
    throw new CliError(
      "failed",
      `${file} has the start of Airlock's block but not its end: fix or remove the block, then run again.`,
    );
  if (!result.ok)
    throw new CliError(
      "usage",
      `${file} already has profiles named ${result.clashes.join(", ")} outside Airlock's block: pass --prefix (e.g. --prefix airlock-) or rename them.`,
    );
  const profiles = listConfigProfiles({ roles: entitlements.roles, prefix });
  if (!result.changed) {
    process.stderr.write(`${file} is up to date (${profiles.length} Airlock profiles).\n`);
    return;
  }
  let backup = "";
  if (existing) {
    backup = `${file}.airlock-backup`;
    copyFileSync(file, backup);
  }
  replaceFile(file, result.text);
  process.stderr.write(
    `Wrote ${profiles.length} profile${profiles.length === 1 ? "" : "s"} to ${file}${backup ? ` (previous file: ${backup})` : ""}.\n` +
      (profiles[0] ? `Try: aws sts get-caller-identity --profile ${profiles[0].name}\n` : ""),
  );
}
