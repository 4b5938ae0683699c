/** The audit log's action filter: prefixes an admin picks from (the filter matches by prefix). */
export const auditActionOptions = [
  ["admin.", "All admin changes"],
  ["admin.mapping", "Group mappings"],
  ["admin.role", "Roles"],
  ["admin.account", "Accounts"],
  ["admin.config.apply", "Config as code"],
  ["console.signin", "Console sign-ins"],
  ["credentials.issue", "CLI credentials"],
  ["signin", "Airlock sign-ins"],
  ["session.", "Sessions"],
  ["access.", "Access revoked / suspensions"],
  ["request.", "Access requests"],
  ["grant.", "Time-bound grants"],
] as const;
