// npx tsx --conditions=react-server dev/saml-idp/main.ts [--port 3002] [--sp-metadata URL] [--key-dir DIR]
//   [--no-encryption]
// The demo corporate SAML IdP. It encrypts assertions when the SP publishes an encryption key,
// unless --no-encryption (or DEMO_SAML_ENCRYPT=false) is given.
import { parseArgs } from "node:util";
import { startDemoSamlIdp } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.DEMO_SAML_PORT ?? "3002" },
    "sp-metadata": { type: "string", default: "http://127.0.0.1:3000/api/saml/sp/metadata" },
    "key-dir": { type: "string", default: "data/demo-saml-idp" },
    "no-encryption": { type: "boolean", default: process.env.DEMO_SAML_ENCRYPT === "false" },
  },
});

startDemoSamlIdp({
  port: Number(values.port),
  spMetadataUrl: values["sp-metadata"],
  keyDir: values["key-dir"],
  encryptAssertions: !values["no-encryption"],
}).then((idp) => {
  console.log(`Demo SAML IdP: http://localhost:${values.port} (metadata at ${idp.entityId})`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
