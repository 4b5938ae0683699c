<?php
// The IdP itself: its key pair, the users above, SHA-256 signatures, and attributes released under
// their urn:oid: names (the SAML2 interoperability profile Shibboleth IdP also follows).
$metadata['__DYNAMIC:1__'] = [
    'host' => '__DEFAULT__',
    'privatekey' => 'idp-key.pem',
    'certificate' => 'idp-cert.pem',
    'auth' => 'example-userpass',
    'userid.attribute' => 'uid',
    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
    // Logout messages signed both ways: Airlock ends sessions only on a signed LogoutRequest, and
    // SimpleSAMLphp checks Airlock's against the certificate in Airlock's SP metadata.
    'sign.logout' => true,
    'validate.logout' => true,
    'authproc' => [
        // A persistent NameID: an opaque, stable hash of uid for each SP (never reassigned).
        10 => ['class' => 'saml:PersistentNameID', 'attribute' => 'uid'],
        90 => ['class' => 'core:AttributeMap', 'name2oid'],
    ],
];
