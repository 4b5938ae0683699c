import type { Entitlement } from "@/lib/entitlements/entitlement";
import { mintAssertion } from "@/lib/federation/mint-assertion";
import type { SigningMaterial } from "@/lib/saml/signing-key";
import { median, ms, percentile } from "@/scripts/bench/stats";

/** The bare cost of minting and signing one assertion, in process: 300 after 20 uncounted. */
export function benchMint(signing: SigningMaterial) {
  const user = { id: "bench", email: "bench@example.com", username: "bench", groups: ["engineering"] };
  const entitlement: Entitlement = {
    roleId: "bench",
    roleName: "Developer",
    rolePath: "/",
    roleDescription: null,
    maxSessionDuration: 28_800,
    allowedSessionDuration: 28_800,
    defaultSessionDuration: 3600,
    requireReason: false,
    readOnlyFirst: false,
    stepUpMinutes: null,
    samlProviderName: null,
    account: { id: "111111111111", name: "sandbox", environment: "dev", partition: "aws", description: null },
    viaGroups: ["engineering"],
    standing: true,
    grant: null,
  };
  const mintOnce = () =>
    mintAssertion({
      user,
      entitlement,
      durationSeconds: 3600,
      issuer: "x",
      recipient: "https://signin.aws.amazon.com/saml",
      audience: "urn:amazon:webservices",
      defaultProviderName: "airlock",
      signing,
    });
  for (let i = 0; i < 20; i += 1) mintOnce();
  const times: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const t = performance.now();
    mintOnce();
    times.push(performance.now() - t);
  }
  return { p50Ms: ms(median(times)), p95Ms: ms(percentile(times, 95)), samples: times.length };
}
