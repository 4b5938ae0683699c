import { partitionInfo, partitionOfRegion } from "@/lib/aws/partitions";
import type { Partition } from "@/lib/entitlements/schemas";
import { AppError } from "@/lib/errors";

/**
 * The region that issued credentials are formatted with (AWS_REGION, AWS_DEFAULT_REGION, `region =`):
 * the one the person asked for, else the console region they last chose, else the deployment's
 * region (AIRLOCK_AWS_REGION, or the partition's default). Never the region Airlock happened to call
 * STS in because the person gave none: that is a fallback, not a choice. Pure.
 */
export function chooseClientRegion({
  requested,
  preferred,
  partition,
  fallback,
}: {
  requested?: string;
  preferred?: string | null;
  partition: Partition;
  fallback: string;
}): string {
  if (requested) {
    if (partitionOfRegion(requested) !== partition)
      throw new AppError(
        "invalid_input",
        `${requested} is not a region of this account's partition (${partition}): choose a region such as ${partitionInfo[partition].defaultRegion}.`,
      );
    return requested;
  }
  if (preferred && partitionOfRegion(preferred) === partition) return preferred;
  return fallback;
}
