// npm run entitlements -- plan|apply|export FILE [--allow-delete-all]: config as code for accounts, roles and mappings.
import { readFileSync, writeFileSync } from "node:fs";
import { createDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { applyEntitlements, loadCurrentConfig, planEntitlements } from "@/lib/entitlements/config-apply";
import { describeChange, summarizePlan } from "@/lib/entitlements/config-plan";
import { buildEntitlementsYaml, ConfigParseError, parseEntitlementsYaml } from "@/lib/entitlements/config-yaml";
import { loadDatabaseEnv } from "@/lib/env";
import { runScript } from "@/scripts/run-script";

const args = process.argv.slice(2);
const allowDeleteAll = args.includes("--allow-delete-all");
const [command, file, ...extra] = args.filter((arg) => arg !== "--allow-delete-all");

runScript(async () => {
  if (!["plan", "apply", "export"].includes(command ?? "") || !file || extra.length) {
    console.error("Usage: npm run entitlements -- plan FILE | apply FILE [--allow-delete-all] | export FILE");
    process.exit(2);
  }
  // Only the database settings: a CI job that plans changes holds DATABASE_URL and no portal secrets.
  const { databaseUrl, pool } = loadDatabaseEnv();
  await migrateDatabase({ databaseUrl });
  const db = createDb(databaseUrl, pool);
  if (command === "export") {
    writeFileSync(file, buildEntitlementsYaml(await loadCurrentConfig(db)));
    console.log(`Wrote ${file}.`);
    return;
  }
  let config;
  try {
    config = parseEntitlementsYaml(readFileSync(file, "utf8"));
  } catch (error) {
    if (!(error instanceof ConfigParseError)) throw error;
    console.error(`${file} is not valid; nothing was changed:\n${error.message}`);
    process.exit(1);
  }
  // A refused apply (an AppError) prints its one line and exits 1 through runScript.
  const changes =
    command === "apply"
      ? await applyEntitlements({
          db,
          config,
          actor: `cli:${process.env.USER ?? "unknown"}`,
          guard: { kind: "cli", allowDeleteAll },
        })
      : await planEntitlements({ db, config });
  for (const change of changes) console.log(describeChange(change));
  console.log(command === "apply" ? `Applied. ${summarizePlan(changes)}` : summarizePlan(changes));
  await db.$disconnect();
});
