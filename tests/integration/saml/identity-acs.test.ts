import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeSignInError } from "@/lib/auth/sign-in-errors";
import { recordSignIn } from "@/lib/auth/users";
import type { SigningMaterial } from "@/lib/saml/signing-key";
import { acsHarness, configureSaml, loadTestIdpKey } from "@/tests/support/acs-harness";
import { buildIdpResponse, signIdpResponse, type ResponseOptions } from "@/tests/support/saml-response-builder";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

// Who a SAML answer signs in as, through the ACS: the NameID format, AIRLOCK_SAML_SUBJECT_ATTRIBUTE,
// a missing email, and a changed subject that must not silently become a second person.

const TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
let temp: TempDb;
let idpKey: SigningMaterial;
let acs: ReturnType<typeof acsHarness>;

beforeAll(async () => {
  temp = await createTempDb();
  idpKey = loadTestIdpKey();
  acs = acsHarness(temp);
});
afterAll(() => temp.cleanup());
beforeEach(() => configureSaml(temp, idpKey, { AIRLOCK_SAML_SUBJECT_ATTRIBUTE: undefined }));

/** Signs in with an answer built from `options`: the identity, recorded as next-auth would. */
async function signIn(options: ResponseOptions) {
  const request = await acs.pending();
  const xml = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId, ...options }), idpKey);
  const identity = await acs.redeem((await acs.submit(xml, request.nonce)).ticket, request.nonce);
  if (!identity) throw new Error("no identity");
  await recordSignIn({ db: temp.db, identity });
  return identity;
}

async function refusal(options: ResponseOptions, reason: string) {
  const request = await acs.pending();
  const xml = signIdpResponse(buildIdpResponse({ inResponseTo: request.requestId, ...options }), idpKey);
  return acs.expectRefused(() => acs.submit(xml, request.nonce), reason);
}

const bob = (extra: ResponseOptions = {}): ResponseOptions => ({
  attributes: { email: ["bob@example.com"], uid: ["bob"] },
  ...extra,
});

describe("the NameID format", () => {
  it("refuses a transient NameID, telling the admin to send a persistent one or set the subject attribute", async () => {
    const refused = await refusal(bob({ nameId: "_4f9a0c", nameIdFormat: TRANSIENT }), "transient_nameid");
    expect(refused.userCode).toBe("saml_nameid_format");
    expect(describeSignInError(refused.userCode)).toContain("persistent NameID");
    expect(describeSignInError(refused.userCode)).toContain("AIRLOCK_SAML_SUBJECT_ATTRIBUTE");
    expect(await temp.db.user.count({ where: { email: "bob@example.com" } })).toBe(0);
  });

  it("keys on an unspecified or absent-format NameID, the same user at every sign-in", async () => {
    const first = await signIn(bob({ nameId: "bob-unspecified", nameIdFormat: null }));
    const second = await signIn(
      bob({ nameId: "bob-unspecified", nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" }),
    );
    expect(second.subject).toBe(first.subject);
    expect(await temp.db.user.count({ where: { email: "bob@example.com" } })).toBe(1);
  });
});

describe("AIRLOCK_SAML_SUBJECT_ATTRIBUTE", () => {
  beforeEach(() => configureSaml(temp, idpKey, { AIRLOCK_SAML_SUBJECT_ATTRIBUTE: "uid" }));
  const carol = (nameId: string, uid: string[] = ["carol"]): ResponseOptions => ({
    nameId,
    nameIdFormat: TRANSIENT,
    attributes: { email: ["carol@example.com"], uid },
  });

  it("keys on the attribute, so a transient NameID signs in as one person", async () => {
    await signIn(carol("_t1"));
    const again = await signIn(carol("_t2"));
    expect(again.subject).toBe("carol");
    expect(await temp.db.user.count({ where: { email: "carol@example.com" } })).toBe(1);
  });

  it("refuses an answer without the attribute, or with several values", async () => {
    await refusal(carol("_t3", []), "subject_attribute_missing");
    const refused = await refusal(carol("_t4", ["carol", "carol2"]), "subject_attribute_multivalued");
    expect(refused.message).toContain("uid");
  });
});

describe("a changed subject", () => {
  it("is refused, naming the migration, instead of creating a second person", async () => {
    await signIn({ nameId: "dave-persistent", attributes: { email: ["dave@example.com"], uid: ["dave"] } });
    configureSaml(temp, idpKey, { AIRLOCK_SAML_SUBJECT_ATTRIBUTE: "uid" });
    const refused = await refusal(
      { nameId: "dave-persistent", attributes: { email: ["Dave@example.com"], uid: ["dave"] } },
      "subject_changed",
    );
    expect(refused.message).toContain("dave-persistent");
    expect(describeSignInError(refused.userCode)).toContain("Changing how SAML users are identified");
    expect(await temp.db.user.count({ where: { email: "dave@example.com" } })).toBe(1);

    // Once an administrator moved the user to the new subject, the same person signs in.
    await temp.db.user.updateMany({ where: { email: "dave@example.com" }, data: { subject: "dave" } });
    expect((await signIn({ attributes: { email: ["dave@example.com"], uid: ["dave"] } })).subject).toBe("dave");
    expect(await temp.db.user.count({ where: { email: "dave@example.com" } })).toBe(1);
  });
});

describe("an answer without an email address", () => {
  it("says the IdP did not release one and which attributes Airlock reads, on the page and in the audit row", async () => {
    const refused = await refusal({ nameId: "erin-0001", attributes: { name: ["Erin"] } }, "no_email");
    expect(describeSignInError(refused.userCode)).toContain("did not release an email address");
    for (const text of [describeSignInError(refused.userCode), refused.message])
      expect(text).toContain("urn:oid:0.9.2342.19200300.100.1.3");
    const audit = await temp.db.auditEvent.findFirst({ orderBy: { createdAt: "desc" } });
    expect(audit?.details).toContain("did not release an email address");
    expect(audit?.details).toContain("mail");
  });
});
