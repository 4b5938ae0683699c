export const SAML_TICKET_PROVIDER = "saml-ticket";
