import { isNode, LineCounter, parseDocument, stringify } from "yaml";
import { entitlementsConfigSchema, type EntitlementsConfig, type FlatConfig } from "@/lib/entitlements/config-schema";

/**
 * YAML in and out for config as code. Pure. Problems are reported with their line and field, in
 * an admin's terms, and nothing is applied unless the whole document is valid.
 */

export type ConfigProblem = { line: number | null; field: string; message: string };

export class ConfigParseError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.line ? `line ${p.line}, ` : ""}${p.field}: ${p.message}`).join("\n"));
    this.name = "ConfigParseError";
  }
}

function fieldName(path: PropertyKey[]): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
      "",
    ) || "(document)"
  );
}

export function parseEntitlementsYaml(text: string): EntitlementsConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigParseError(
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? null,
        field: "(YAML syntax)",
        message: e.message.split("\n")[0],
      })),
    );
  }
  const parsed = entitlementsConfigSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  throw new ConfigParseError(
    parsed.error.issues.map((issue) => {
      // Point at the deepest node that exists on the issue's path.
      let line: number | null = null;
      for (let depth = issue.path.length; depth >= 0 && line === null; depth -= 1) {
        const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true);
        if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
      }
      return { line, field: fieldName(issue.path), message: issue.message };
    }),
  );
}

/** The document for a flat config, sorted so exports diff cleanly in git. */
export function buildEntitlementsYaml(flat: FlatConfig): string {
  const accounts = [...flat.accounts.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((a) => ({
      id: a.id,
      name: a.name,
      environment: a.environment,
      partition: a.partition,
      ...(a.description ? { description: a.description } : {}),
      ...(a.owner ? { owner: a.owner } : {}),
      roles: [...flat.roles.values()]
        .filter((r) => r.accountId === a.id)
        .sort((x, y) => x.name.localeCompare(y.name))
        .map((r) => ({
          name: r.name,
          path: r.path,
          ...(r.description ? { description: r.description } : {}),
          maxSessionDuration: r.maxSessionDuration,
          ...(r.samlProviderName ? { samlProviderName: r.samlProviderName } : {}),
          ...(r.requireReason ? { requireReason: true } : {}),
          ...(r.defaultSessionDuration ? { defaultSessionDuration: r.defaultSessionDuration } : {}),
          ...(r.sessionDurationLimit ? { sessionDurationLimit: r.sessionDurationLimit } : {}),
          ...(r.readOnlyFirst ? { readOnlyFirst: true } : {}),
          ...(r.stepUpMinutes ? { stepUpMinutes: r.stepUpMinutes } : {}),
          ...(r.approvalsRequired > 1 ? { approvalsRequired: r.approvalsRequired } : {}),
          groups: [...flat.mappings.values()]
            .filter((m) => m.accountId === a.id && m.roleName === r.name)
            .sort((x, y) => x.group.localeCompare(y.group))
            .map((m) => {
              const details = {
                ...(m.maxDurationSeconds ? { maxDurationSeconds: m.maxDurationSeconds } : {}),
                ...(m.kind === "eligible" ? { kind: m.kind } : {}),
                ...(m.approverGroup ? { approverGroup: m.approverGroup } : {}),
                ...(m.maxGrantSeconds ? { maxGrantSeconds: m.maxGrantSeconds } : {}),
              };
              return Object.keys(details).length ? { group: m.group, ...details } : m.group;
            }),
        })),
    }));
  return `# Airlock entitlements: AWS accounts, their IAM roles, and the IdP groups mapped to each role.\n# Apply with: npm run entitlements -- plan|apply FILE\n${stringify({ accounts })}`;
}
