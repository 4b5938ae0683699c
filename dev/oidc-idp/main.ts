// npx tsx dev/oidc-idp/main.ts [--port 3001] [--redirect-uri URL]: the demo corporate OIDC IdP.
import { parseArgs } from "node:util";
import { startDemoOidcIdp } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.DEMO_OIDC_PORT ?? "3001" },
    "redirect-uri": { type: "string", default: "http://localhost:3000/api/auth/callback/oidc" },
  },
});

startDemoOidcIdp({ port: Number(values.port), redirectUris: [values["redirect-uri"]] }).then((idp) => {
  console.log(`Demo OIDC IdP: http://localhost:${values.port} (issuer), client airlock-demo`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
