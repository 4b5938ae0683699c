import { EMAIL_ATTRIBUTES } from "@/lib/saml/identity-attributes";

/**
 * What a failed sign-in tells the person, by the code next-auth or the SAML ACS reports. The exact
 * technical reason goes to the audit log for administrators, not here.
 */
const messages: Record<string, string> = {
  OAuthCallback:
    "Your identity provider's answer could not be verified. Start again from the sign-in page; if it keeps happening, tell your Airlock administrators.",
  OAuthSignin: "Airlock could not reach your identity provider. Try again in a moment.",
  ClaimsInvalid:
    "Your identity provider did not send the details Airlock needs (such as your email address). Ask your Airlock administrators to check the IdP's claims.",
  EmailUnverified:
    "Your identity provider has not verified your email address, so Airlock cannot sign you in with it. Verify it with your identity provider (or ask its administrators), then try again.",
  AccessDenied: "Your identity provider refused the sign-in.",
  CredentialsSignin: "That sign-in link was already used or has expired. Start again from the sign-in page.",
  SessionRequired: "Sign in to continue.",
  SamlTicketOtherBrowser:
    "That sign-in link belongs to another browser, so it cannot sign you in here. If you meant to sign in, start again from the sign-in page in this browser.",
  saml_invalid:
    "Your identity provider's SAML answer could not be verified. Start again from the sign-in page; if it keeps happening, tell your Airlock administrators.",
  saml_expired: "Your sign-in took too long or the clocks disagree. Start again from the sign-in page.",
  saml_replayed: "That sign-in answer was already used. Start again from the sign-in page.",
  saml_unsolicited: "Sign-ins must start from Airlock. Start again from the sign-in page.",
  saml_request_unknown:
    "Airlock did not recognise this sign-in (it may have started in another browser or expired). Start again from the sign-in page.",
  saml_unavailable:
    "SAML sign-in is unavailable right now: Airlock could not read its identity provider's settings. Try again later or tell your Airlock administrators.",
  saml_too_large: "The sign-in answer was too large to accept.",
  saml_status: "Your identity provider reported that the sign-in did not succeed.",
  saml_no_email: `Your identity provider confirmed who you are but did not release an email address to Airlock. Airlock reads it from the SAML attribute ${EMAIL_ATTRIBUTES.join(", ")} (or an email-shaped NameID): ask your identity provider's administrators to release one of them to Airlock.`,
  saml_nameid_format:
    "Your identity provider sent Airlock a temporary identifier for you (a transient NameID, or another format Airlock did not ask for), so Airlock cannot recognise you from one sign-in to the next. Its administrators must send Airlock a persistent NameID, or Airlock's administrators must set AIRLOCK_SAML_SUBJECT_ATTRIBUTE to an attribute that never changes for a person (such as uid).",
  saml_subject_attribute:
    "Your identity provider did not send the one attribute Airlock identifies people by (AIRLOCK_SAML_SUBJECT_ATTRIBUTE), or sent several values for it. Ask your Airlock administrators to check that the identity provider releases it to Airlock with exactly one value.",
  saml_subject_changed:
    'Airlock already knows your email address under another identifier from this identity provider, so it will not create a second account for you. An Airlock administrator must move your existing account to the new identifier first ("Changing how SAML users are identified" in the deployment guide).',
  passive_other_person:
    "Your identity provider is signed in as someone else than your Airlock session. Sign out of Airlock and of your identity provider, then sign in again.",
  suspended:
    "An Airlock administrator has suspended your access. Ask your Airlock administrators if you think this is a mistake.",
  rate_limited:
    "Airlock received too many sign-in requests from your network. Wait a minute, then start again from the sign-in page.",
  database_unavailable:
    "Airlock cannot reach its database right now, so it could not sign you in. Try again in a minute; if it keeps failing, tell your Airlock administrators.",
};

export function describeSignInError(code: string | undefined): string {
  return (
    (code && messages[code]) ||
    "The sign-in did not complete. Start again from the sign-in page; if it keeps happening, tell your Airlock administrators."
  );
}
