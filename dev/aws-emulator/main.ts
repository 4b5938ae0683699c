// npx tsx dev/aws-emulator/main.ts [--port 3003] [--state FILE.json] [--metadata-url URL]
// Starts the local AWS emulator; without --state it serves the demo accounts and roles, with
// each account's `airlock` SAML provider reading Airlock's metadata from --metadata-url.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ADMIN_SECRET_ACCESS_KEY, adminAccessKeyIdFor, listAccountIds } from "./caller";
import { startEmulator } from "./server";
import { buildDemoState, type EmulatorState } from "./state";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.AWS_EMULATOR_PORT ?? "3003" },
    host: { type: "string", default: "127.0.0.1" },
    state: { type: "string" },
    "metadata-url": { type: "string", default: "http://localhost:3000/api/saml/idp/metadata" },
  },
});

const state: EmulatorState = values.state
  ? (JSON.parse(readFileSync(values.state, "utf8")) as EmulatorState)
  : buildDemoState({ metadataUrl: values["metadata-url"] });
startEmulator({ state, port: Number(values.port), host: values.host }).then((emulator) => {
  console.log(`AWS emulator: ${emulator.url} (STS and IAM at /, federation at /federation, console at /console)`);
  // Published demo keys, not secrets: they only ever unlock this emulator.
  for (const accountId of listAccountIds(state))
    console.log(
      `  IAM admin of ${accountId}: AWS_ACCESS_KEY_ID=${adminAccessKeyIdFor(accountId)} AWS_SECRET_ACCESS_KEY=${ADMIN_SECRET_ACCESS_KEY}`,
    );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
