import type { AssertionInput } from "@/lib/saml/build-assertion";

/** Alice's assertion input, at a fixed instant: what the builder and signer tests start from. */
export const ASSERTION_NOW = new Date("2026-11-26T12:00:00.000Z");

export const assertionInput: AssertionInput = {
  issuer: "https://airlock.example.com/api/saml/idp/metadata",
  recipient: "https://signin.aws.amazon.com/saml",
  audience: "urn:amazon:webservices",
  responseId: "_response1",
  assertionId: "_assertion1",
  now: ASSERTION_NOW,
  nameId: "user_alice",
  roleArn: "arn:aws:iam::111111111111:role/team/Developer",
  providerArn: "arn:aws:iam::111111111111:saml-provider/airlock",
  roleSessionName: "alice@example.com",
  sessionDurationSeconds: 28_800,
  sourceIdentity: "alice",
  tags: [{ key: "AirlockUser", value: "alice@example.com" }],
};
