// Run by tests/integration/saml/schema-validator.test.ts in a child process: validates one SAML
// response as a SAML sign-in does, then writes a burst of log output to a pipe that the parent
// reads slowly (so stdout emits "drain"), and reports on stderr whether it is still running.
import * as raw from "@authenio/samlify-node-xmllint";
import { validate } from "@/lib/saml/schema-validator";

const response =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2026-11-26T12:00:00Z"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:Response>';

void (process.env.VALIDATOR === "raw" ? raw.validate : validate)(response).then(() => {
  process.stdout.write(`${"x".repeat(4 * 1024 * 1024)}\n`);
  setTimeout(() => process.stderr.write("still running\n"), 1_500);
});
