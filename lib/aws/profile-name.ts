/**
 * The AWS profile name of a role: account name and role name, lower-case ASCII letters and digits
 * with single separators (never `--`, which reads as an option), at most 64 characters. Safe
 * unquoted in INI section headers and shell words. Pure.
 */
export function buildProfileName({ accountName, roleName }: { accountName: string; roleName: string }): string {
  const slug = `${accountName}-${roleName}`
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, "-")
    .replace(/[-_.]{2,}/g, "-")
    .slice(0, 64)
    .replace(/^[-_.]+|[-_.]+$/g, "");
  return slug || "airlock";
}
