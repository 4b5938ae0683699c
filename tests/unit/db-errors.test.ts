import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, prismaErrorCode } from "@/lib/db/errors";

// Shapes as Prisma 6.19 and its driver adapters raise them (recorded against a stopped PostgreSQL).
const adapterError = (cause: object) => Object.assign(new Error("driver"), { name: "DriverAdapterError", cause });
const known = (code: string, cause?: object) =>
  Object.assign(new Error("prisma"), { code, meta: cause ? { driverAdapterError: { cause } } : undefined });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["server unreachable", known("P1001", { kind: "DatabaseNotReachable", host: "db", port: 5432 })],
    ["raw query on an unreachable server", known("P2010", { kind: "DatabaseNotReachable" })],
    ["pool exhausted", known("P2024")],
    ["server shutting down", adapterError({ kind: "postgres", code: "57P01" })],
    ["connection failure", adapterError({ kind: "postgres", code: "08006" })],
    ["statement timeout", adapterError({ kind: "postgres", code: "57014" })],
    ["too many connections", adapterError({ kind: "TooManyConnections" })],
    ["SQLite busy", adapterError({ kind: "sqlite", extendedCode: 5 })],
    ["connection ended under a query (node-postgres)", new Error("Connection terminated unexpectedly")],
  ])("%s: yes", (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ["unique violation", known("P2002")],
    ["record not found", known("P2025")],
    ["constraint in PostgreSQL", adapterError({ kind: "postgres", code: "23505" })],
    ["SQLite constraint", adapterError({ kind: "sqlite", extendedCode: 2067 })],
    ["anything else", new Error("boom")],
    ["not an error", "nope"],
  ])("%s: no", (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));

  it("reads Prisma codes by shape", () => {
    expect(prismaErrorCode(known("P2002"))).toBe("P2002");
    expect(prismaErrorCode({ code: "ECONNREFUSED" })).toBeUndefined();
  });
});
