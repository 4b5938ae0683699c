// npm run db:migration -- NAME [--from OLD_SCHEMA]: after editing prisma/schema.prisma, writes the
// next migration for both providers (SQLite and PostgreSQL), diffed from the model as it was at
// the last commit (or OLD_SCHEMA), and regenerates the derived PostgreSQL schema.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { derivePostgresSchema, modelPath, postgresSchemaPath } from "@/scripts/derive-postgres-schema";

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run db:migration -- <name> [--from <previous schema.prisma>]`);
  process.exit(1);
}

const args = process.argv.slice(2);
const name = args[0];
if (!name || !/^[a-z0-9_]+$/.test(name)) usage("Give the migration a name in lower_snake_case.");
const fromIndex = args.indexOf("--from");
const previousModel =
  fromIndex >= 0
    ? readFileSync(args[fromIndex + 1] ?? usage("--from needs a file."), "utf8")
    : execFileSync("git", ["show", `HEAD:${modelPath}`], { encoding: "utf8" });

const currentModel = readFileSync(modelPath, "utf8");
writeFileSync(postgresSchemaPath, derivePostgresSchema(currentModel));

const schemas = {
  sqlite: { previous: previousModel, current: modelPath },
  postgresql: { previous: derivePostgresSchema(previousModel), current: postgresSchemaPath },
};
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
let written = 0;
for (const [provider, { previous, current }] of Object.entries(schemas)) {
  // The previous schema must keep the generator's output path valid relative to where it lies.
  const previousFile = path.join(path.dirname(current), `.previous-${randomBytes(4).toString("hex")}.prisma`);
  writeFileSync(previousFile, previous);
  let sql: string;
  try {
    sql = execFileSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--from-schema-datamodel",
        previousFile,
        "--to-schema-datamodel",
        current,
        "--script",
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
  } finally {
    rmSync(previousFile, { force: true });
  }
  if (/^-- This is an empty migration\.\s*$/.test(sql.trim()) || !sql.trim()) continue;
  const dir = path.join("prisma", "migrations", provider, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.join(dir, "migration.sql")}`);
  written += 1;
}
if (!written) console.log("The model has not changed since the last commit: no migration written.");
else console.log("Review both files, run `npm run postinstall` to regenerate the clients, and commit them together.");
