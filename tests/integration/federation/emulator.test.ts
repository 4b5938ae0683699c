import { createServer } from "node:http";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@/dev/aws-emulator/server";
import { buildDemoState, buildSamlTrustPolicy } from "@/dev/aws-emulator/state";
import { assumeRoleWithSaml } from "@/lib/aws/sts";
import { translateStsError } from "@/lib/aws/sts-errors";
import type { MintedAssertion } from "@/lib/federation/mint-assertion";
import type { SigningMaterial } from "@/lib/saml/signing-key";
import {
  assumeWithAssertion,
  AWS_SAML,
  createSigningMaterial,
  entitlementFor,
  metadataFor,
  mintForAws,
} from "@/tests/support/federation-fixtures";

let emulator: Emulator;
let signing: SigningMaterial;
let foreign: SigningMaterial;

beforeAll(async () => {
  [signing, foreign] = await Promise.all([createSigningMaterial("airlock"), createSigningMaterial("foreign")]);
  const state = buildDemoState({});
  for (const provider of state.providers) provider.metadataXml = metadataFor(signing);
  // A role whose trust policy names another provider, and a second provider nobody trusts.
  state.providers.push({ accountId: "111111111111", name: "other-idp", metadataXml: metadataFor(signing) });
  state.roles.push({
    accountId: "111111111111",
    name: "Legacy",
    maxSessionDuration: 3600,
    trustPolicy: buildSamlTrustPolicy("arn:aws:iam::111111111111:saml-provider/other-idp"),
  });
  emulator = await startEmulator({ state });
});
afterAll(() => emulator?.close());

const mint = (overrides: Parameters<typeof mintForAws>[1] = {}) => mintForAws(signing, overrides);

const call = (minted: MintedAssertion, samlResponseBase64?: string, durationSeconds?: number) =>
  assumeWithAssertion(emulator.url, minted, samlResponseBase64, durationSeconds);

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  return promise.then(
    () => {
      throw new Error("expected STS to refuse");
    },
    (error: { name: string; message: string }) => error,
  );
}

function tamper(minted: MintedAssertion, edit: (xml: string) => string): string {
  return Buffer.from(edit(Buffer.from(minted.samlResponseBase64, "base64").toString("utf8"))).toString("base64");
}

const facts = (minted: MintedAssertion, durationSeconds = 3600) => ({
  ...minted,
  accountId: "111111111111",
  samlEndpoint: AWS_SAML.recipient,
  stsEndpoint: emulator.url,
  durationSeconds,
});

describe("AWS emulator accepts Airlock's assertion", () => {
  it("issues credentials, unsigned call, that pass GetCallerIdentity with real SigV4", async () => {
    const minted = mint();
    const credentials = await call(minted);
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.assumedRoleArn).toBe("arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com");
    expect(credentials.sourceIdentity).toBe("alice");
    expect(credentials.expiration.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect(emulator.requests.at(-1)).toMatchObject({ action: "AssumeRoleWithSAML", outcome: "success", signed: false });

    const sts = new STSClient({ region: "us-east-1", endpoint: emulator.url, credentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: "111111111111",
      Arn: "arn:aws:sts::111111111111:assumed-role/Developer/alice@example.com",
    });

    const wrongSecret = new STSClient({
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: { ...credentials, secretAccessKey: "x".repeat(40) },
    });
    await expect(wrongSecret.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
    });
  });

  it("accepts role paths and session tags the trust policy allows", async () => {
    const emulatorSession = await call(mint());
    const issued = emulator.store.find(emulatorSession.accessKeyId);
    expect(issued?.tags).toEqual({ AirlockUser: "alice@example.com", AirlockGroups: "engineering" });
  });
});

describe("AWS emulator refuses what AWS would refuse, and Airlock says what to do", () => {
  it("a tampered signature", async () => {
    const minted = mint();
    const error = await rejection(
      call(
        minted,
        tamper(minted, (xml) =>
          xml.replace("alice@example.com</saml:AttributeValue>", "mallory@example.com</saml:AttributeValue>"),
        ),
      ),
    );
    expect(error).toMatchObject({ name: "InvalidIdentityTokenException", message: "Response signature invalid" });
    expect(translateStsError(error, facts(minted)).message).toContain("may hold outdated metadata");
  });

  it("a stripped signature", async () => {
    const minted = mint();
    const error = await rejection(
      call(
        minted,
        tamper(minted, (xml) => xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "")),
      ),
    );
    expect(error.name).toBe("InvalidIdentityTokenException");
  });

  it("a foreign signing key, even with its certificate embedded", async () => {
    const minted = mint({ signing: foreign });
    const error = await rejection(call(minted));
    expect(error).toMatchObject({ name: "InvalidIdentityTokenException", message: "Response signature invalid" });
  });

  it("a wrong audience", async () => {
    const minted = mint({ audience: "urn:amazon:webservices:govcloud" });
    const error = await rejection(call(minted));
    expect(error.name).toBe("InvalidIdentityTokenException");
    expect(error.message).toContain("audience");
  });

  it("a wrong recipient", async () => {
    const error = await rejection(call(mint({ recipient: "https://evil.example.com/saml" })));
    expect(error.message).toContain("recipient");
  });

  it("an expired assertion, with a clock-skew hint", async () => {
    const minted = mint({ now: new Date(Date.now() - 10 * 60 * 1000) });
    const error = await rejection(call(minted));
    expect(error.name).toBe("ExpiredTokenException");
    expect(translateStsError(error, facts(minted)).message).toContain("clock");
  });

  it("an assertion from the future", async () => {
    const minted = mint({ now: new Date(Date.now() + 10 * 60 * 1000) });
    const error = await rejection(call(minted));
    expect(error.message).toContain("not yet valid");
    expect(translateStsError(error, facts(minted)).message).toContain("clock");
  });

  it("a role that does not trust the provider, with the trust statement to add", async () => {
    const minted = mint({ entitlement: entitlementFor("111111111111", "Legacy") });
    const error = await rejection(call(minted));
    expect(error).toMatchObject({ name: "AccessDenied", message: "Not authorized to perform sts:AssumeRoleWithSAML" });
    const message = translateStsError(error, facts(minted)).message;
    expect(message).toContain("arn:aws:iam::111111111111:role/Legacy");
    expect(message).toContain('"Principal":{"Federated":"arn:aws:iam::111111111111:saml-provider/airlock"}');
    expect(message).toContain('"SAML:aud":"https://signin.aws.amazon.com/saml"');
  });

  it("a role that does not exist", async () => {
    const error = await rejection(call(mint({ entitlement: entitlementFor("111111111111", "Ghost") })));
    expect(error.name).toBe("AccessDenied");
  });

  it("a provider missing in the account", async () => {
    const minted = mint({ defaultProviderName: "not-registered" });
    const error = await rejection(call(minted));
    expect(error.name).toBe("InvalidIdentityTokenException");
    expect(translateStsError(error, facts(minted)).message).toBe(
      "Account 111111111111 has no IAM SAML provider arn:aws:iam::111111111111:saml-provider/not-registered. An administrator of that account must create it from Airlock's IdP metadata (/api/saml/idp/metadata).",
    );
  });

  it("a duration over the role's MaxSessionDuration", async () => {
    const minted = mint({ entitlement: entitlementFor("111111111111", "Admin", 3600) });
    const error = await rejection(call(minted, minted.samlResponseBase64, 7200));
    expect(error).toMatchObject({
      name: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
    expect(translateStsError(error, facts(minted, 7200)).message).toContain(
      "allows shorter sessions than 7200 seconds",
    );
  });

  it("a Role pair that the assertion does not carry", async () => {
    const minted = mint();
    const error = await rejection(
      assumeRoleWithSaml({
        region: "us-east-1",
        endpoint: emulator.url,
        roleArn: "arn:aws:iam::111111111111:role/Admin",
        principalArn: minted.providerArn,
        samlResponseBase64: minted.samlResponseBase64,
        durationSeconds: 3600,
      }),
    );
    expect(error.message).toContain("Role and Provider pair");
  });

  it("an STS that never answers: each of the two attempts times out, and Airlock says it could not reach STS", async () => {
    const silent = createServer(() => {});
    let connections = 0;
    silent.on("connection", () => (connections += 1));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const minted = mint();
      const started = Date.now();
      const error = await rejection(
        assumeRoleWithSaml({
          region: "us-east-1",
          endpoint,
          roleArn: minted.roleArn,
          principalArn: minted.providerArn,
          samlResponseBase64: minted.samlResponseBase64,
          durationSeconds: 3600,
          attemptTimeoutMs: 300,
        }),
      );
      expect(error.name).toBe("TimeoutError");
      expect(connections).toBe(2);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(translateStsError(error, { ...facts(minted), stsEndpoint: endpoint }).message).toContain(
        `Airlock could not reach AWS STS at ${endpoint}`,
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("a wrapped second assertion", async () => {
    const minted = mint();
    const wrapped = tamper(minted, (xml) => {
      const assertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      const evil = assertion
        .replace(/ID="[^"]+"/, 'ID="_evil"')
        .replace("role/Developer", "role/Admin")
        .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, "");
      return xml.replace(assertion, evil + assertion);
    });
    const error = await rejection(call(minted, wrapped));
    expect(error.message).toContain("exactly one assertion");
  });

  it("a DOCTYPE with entities", async () => {
    const minted = mint();
    const error = await rejection(
      call(
        minted,
        tamper(minted, (xml) => `<!DOCTYPE r [<!ENTITY x "y">]>${xml}`),
      ),
    );
    expect(error.message).toContain("document type declarations");
  });
});
