import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, modelPath, postgresSchemaPath } from "@/scripts/derive-postgres-schema";

const migrationNames = (provider: string) =>
  readdirSync(path.join("prisma", "migrations", provider), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("one data model, two providers", () => {
  it("the committed PostgreSQL schema is exactly what the model derives (run `npm run db:derive`)", () => {
    expect(readFileSync(postgresSchemaPath, "utf8")).toBe(derivePostgresSchema(readFileSync(modelPath, "utf8")));
  });

  it("changes only the datasource and the client output", () => {
    const derived = derivePostgresSchema(readFileSync(modelPath, "utf8"));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output     = "../../lib/db/generated/postgresql"');
    const models = (schema: string) => schema.slice(schema.indexOf("\nmodel "));
    expect(models(derived)).toBe(models(readFileSync(modelPath, "utf8")));
  });

  it("refuses a model it no longer understands instead of deriving something wrong", () => {
    expect(() => derivePostgresSchema("model A { id String @id }")).toThrow(/SQLite client output/);
  });

  it("every migration exists for both providers", () => {
    expect(migrationNames("postgresql")).toEqual(migrationNames("sqlite"));
  });
});
