// npm run db:derive: writes prisma/postgresql/schema.prisma from the one data model,
// prisma/schema.prisma. A test fails when the committed copy differs from what this derives.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const modelPath = path.join("prisma", "schema.prisma");
export const postgresSchemaPath = path.join("prisma", "postgresql", "schema.prisma");

const header = `// GENERATED from prisma/schema.prisma by \`npm run db:derive\`: do not edit; edit the model there.
// The PostgreSQL client (lib/db/generated/postgresql) and migrations (prisma/migrations/postgresql)
// come from this file.
`;

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text))
    throw new Error(`prisma/schema.prisma no longer has ${what}; update scripts/derive-postgres-schema.ts.`);
  return text.replace(pattern, replacement);
}

/** The same model for PostgreSQL: only the datasource and the client's output change. */
export function derivePostgresSchema(model: string): string {
  let schema = replaceOnce(
    model,
    /output\s*=\s*"\.\.\/lib\/db\/generated\/sqlite"/,
    'output     = "../../lib/db/generated/postgresql"',
    "the SQLite client output",
  );
  schema = replaceOnce(
    schema,
    /datasource db \{[^}]*\}/,
    'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://localhost/airlock"\n}',
    "a datasource block",
  );
  return header + schema;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  writeFileSync(postgresSchemaPath, derivePostgresSchema(readFileSync(modelPath, "utf8")));
  console.log(`Wrote ${postgresSchemaPath}.`);
}
