import "server-only";
import type { Db } from "@/lib/db/client";
import { listEntitlementsForGroups } from "@/lib/entitlements/list-access";
import { getEnv } from "@/lib/env";
import { buildAwsConfig, listConfigProfiles, type ConfigProfile } from "@/lib/terminal/aws-config";

export type UserAwsConfig = { text: string; profiles: ConfigProfile[]; region: string };

/**
 * A person's `~/.aws/config` block, exactly as `airlock config` prints it: every role their
 * groups give, in their preferred region (else AIRLOCK_AWS_REGION).
 */
export async function buildUserAwsConfig({
  db,
  userId,
  groups,
}: {
  db: Db;
  userId: string;
  groups: string[];
}): Promise<UserAwsConfig> {
  const env = getEnv();
  const [entitlements, user] = await Promise.all([
    listEntitlementsForGroups({ db, groups, userId }),
    db.user.findUnique({ where: { id: userId }, select: { preferredRegion: true } }),
  ]);
  const roles = entitlements.map((e) => ({
    accountId: e.account.id,
    accountName: e.account.name,
    roleName: e.roleName,
  }));
  const region = user?.preferredRegion ?? env.AIRLOCK_AWS_REGION;
  return {
    text: buildAwsConfig({ roles, region, portalUrl: env.AIRLOCK_URL }),
    profiles: listConfigProfiles({ roles }),
    region,
  };
}
