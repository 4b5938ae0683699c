/**
 * The before/after of an audit event's details as rows a person compares, durations in hours. Pure.
 */

export type ChangeRow = { field: string; before: string; after: string };

/** 3600 → "1 h", 5400 → "1.5 h", 900 → "15 min". */
export function formatHours(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round((seconds / 3600) * 100) / 100} h`;
}

function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number" && /duration|seconds/i.test(key)) return formatHours(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(key, v)).join(", ") || "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Rows for `{ before, after }` details (changed fields only on updates), else one row per field. */
export function listChangeRows(details: unknown): ChangeRow[] {
  const record = asRecord(details);
  if ("before" in record || "after" in record) {
    const before = asRecord(record.before);
    const after = asRecord(record.after);
    const isUpdate = record.before != null && record.after != null;
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((key) => !isUpdate || JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => ({
        field: key,
        before: record.before == null ? "" : formatValue(key, before[key]),
        after: record.after == null ? "" : formatValue(key, after[key]),
      }));
  }
  if (Array.isArray(record.changes))
    return record.changes.map((c) => {
      const change = asRecord(c);
      return {
        field: `${String(change.kind)} ${String(change.entity)} ${String(change.key)}`,
        before: change.before ? formatValue("", change.before) : "",
        after: change.after ? formatValue("", change.after) : "",
      };
    });
  return Object.entries(record).map(([key, value]) => ({ field: key, before: "", after: formatValue(key, value) }));
}

/** Parses stored details (JSON text); anything unparsable is shown as it is. */
export function parseStoredDetails(details: string | null): unknown {
  if (!details) return null;
  try {
    return JSON.parse(details);
  } catch {
    return { details };
  }
}
