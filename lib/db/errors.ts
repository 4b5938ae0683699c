/**
 * The Prisma error code (P2002 unique, P2003 foreign key, P2025 not found) of a failed query.
 * Read from the error's shape, not `instanceof`: a bundled server may hold two copies of the
 * client runtime, and the class of one is not the class of the other.
 */
export function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}
