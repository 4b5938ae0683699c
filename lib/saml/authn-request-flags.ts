import * as samlify from "samlify";

/**
 * samlify's template callback for an AuthnRequest with a flag samlify has no option for (SAML core
 * 3.4.1): `IsPassive` (the IdP must answer without interacting with the person, or say NoPassive)
 * or `ForceAuthn` (the IdP must authenticate the person anew rather than rely on its session: a
 * step-up). Once a callback is given samlify fills no tags itself, so this fills the same tags its
 * default request carries.
 */
export function buildFlaggedRequest(
  sp: samlify.ServiceProviderInstance,
  idp: samlify.IdentityProviderInstance,
  flag: "IsPassive" | "ForceAuthn",
) {
  return (template: string): { id: string; context: string } => {
    const id = sp.entitySetting.generateID?.() ?? `_${crypto.randomUUID()}`;
    const nameIdFormat = sp.entitySetting.nameIDFormat;
    const context = samlify.SamlLib.replaceTagsByValue(
      template.replace("<samlp:AuthnRequest ", `<samlp:AuthnRequest ${flag}="true" `),
      {
        ID: id,
        // samlify refuses an IdP without a redirect endpoint before it calls this.
        Destination: idp.entityMeta.getSingleSignOnService("redirect") as string,
        Issuer: sp.entityMeta.getEntityID(),
        IssueInstant: new Date().toISOString(),
        NameIDFormat: Array.isArray(nameIdFormat) ? nameIdFormat[0] : nameIdFormat,
        ProtocolBinding: samlify.Constants.namespace.binding.post,
        AssertionConsumerServiceURL: sp.entityMeta.getAssertionConsumerService("post") as string,
        AssertionConsumerServiceIndex: undefined,
        AllowCreate: sp.entitySetting.allowCreate,
        ForceAuthn: undefined,
      },
    );
    return { id, context };
  };
}
