// npx tsx --conditions=react-server dev/saml-idp/main.ts [--port 3002] [--sp-metadata URL] [--key-dir DIR]
// The demo corporate SAML IdP.
import { parseArgs } from "node:util";
import { startDemoSamlIdp } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.DEMO_SAML_PORT ?? "3002" },
    "sp-metadata": { type: "string", default: "http://127.0.0.1:3000/api/saml/sp/metadata" },
    "key-dir": { type: "string", default: "data/demo-saml-idp" },
  },
});

startDemoSamlIdp({ port: Number(values.port), spMetadataUrl: values["sp-metadata"], keyDir: values["key-dir"] }).then(
  (idp) => {
    console.log(`Demo SAML IdP: http://localhost:${values.port} (metadata at ${idp.entityId})`);
    const stop = () => void idp.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  },
);
