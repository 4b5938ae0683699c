import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";

/** Audit log filters, as they arrive in a query string, validated. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(320).optional(),
  accountId: z.string().trim().max(12).optional(),
  roleName: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(["success", "failure", "denied", "pending"]).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function parseAuditFilter(params: Record<string, string | undefined>): AuditFilter {
  const cleaned = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = auditFilterSchema.safeParse(cleaned);
  return parsed.success ? parsed.data : { page: 1 };
}

/**
 * The person filter matches regardless of case on both databases: SQLite's LIKE already does
 * (for ASCII), PostgreSQL needs Prisma's insensitive mode, which the SQLite client does not know.
 */
function actorContains(db: Db, actor: string) {
  const postgres = (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
  return (postgres ? { contains: actor, mode: "insensitive" } : { contains: actor }) as { contains: string };
}

function where(db: Db, filter: AuditFilter) {
  return {
    ...(filter.actor ? { actor: actorContains(db, filter.actor) } : {}),
    ...(filter.accountId ? { accountId: filter.accountId } : {}),
    ...(filter.roleName ? { roleName: filter.roleName } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

export const AUDIT_PAGE_SIZE = 50;
const select = {
  id: true,
  createdAt: true,
  action: true,
  outcome: true,
  reason: true,
  actor: true,
  accountId: true,
  roleName: true,
  accessKeyId: true,
  clientIp: true,
  userAgent: true,
  details: true,
} as const;

export async function listAuditEvents({
  db,
  filter,
  pageSize = AUDIT_PAGE_SIZE,
}: {
  db: Db;
  filter: AuditFilter;
  pageSize?: number;
}) {
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({
      where: where(db, filter),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
      select,
    }),
    db.auditEvent.count({ where: where(db, filter) }),
  ]);
  return { events, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Every matching event, newest first, for export (capped so an export cannot exhaust memory). */
export async function exportAuditEvents({
  db,
  filter,
  limit = 100_000,
}: {
  db: Db;
  filter: AuditFilter;
  limit?: number;
}) {
  return db.auditEvent.findMany({
    where: where(db, filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select,
  });
}

const csvColumns = [
  "createdAt",
  "action",
  "outcome",
  "reason",
  "actor",
  "accountId",
  "roleName",
  "accessKeyId",
  "clientIp",
  "userAgent",
  "details",
] as const;

function csvCell(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : value == null ? "" : String(value);
  // Quote everything; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toAuditCsv(events: Awaited<ReturnType<typeof exportAuditEvents>>): string {
  return (
    [csvColumns.join(","), ...events.map((e) => csvColumns.map((c) => csvCell(e[c])).join(","))].join("\r\n") + "\r\n"
  );
}
