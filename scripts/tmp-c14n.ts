import { DOMParser } from "@xmldom/xmldom";
import { ExclusiveCanonicalization } from "xml-crypto";
import { buildAssertionResponse } from "@/lib/saml/build-assertion";
const u = buildAssertionResponse({ issuer: "", recipient: "", audience: "", nameId: "", roleSessionName: "", tags: [], responseId: "_r", assertionId: "_a", now: new Date(), roleArn: "x", providerArn: "y", sessionDurationSeconds: 3600 });
const el = new DOMParser().parseFromString(u.xml, "text/xml").getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")[0];
const c = new ExclusiveCanonicalization().process(el as any, {});
const mine = u.xml.slice(u.assertion.start, u.assertion.end);
let i = 0; while (c[i] === mine[i]) i++;
console.log(i, "\nxml-crypto:", c.slice(i - 80, i + 80), "\nmine:      ", mine.slice(i - 80, i + 80));
