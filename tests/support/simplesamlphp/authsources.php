<?php
// The people of the IdP the e2e suite runs: exampleauth's static users, with the attributes an
// LDAP directory would release (isMemberOf holds full group DNs, as OpenLDAP's memberof overlay does).
$groups = fn (string ...$names) => array_map(fn ($n) => "cn=$n,ou=groups,dc=example,dc=com", $names);
$config = [
    'admin' => ['core:AdminPassword'],
    'example-userpass' => [
        'exampleauth:UserPass',
        'alice:alice-password' => [
            'uid' => ['alice'],
            'mail' => ['alice@example.com'],
            'displayName' => ['Alice Example'],
            'isMemberOf' => $groups('engineering', 'platform-admins'),
        ],
        'bob:bob-password' => [
            'uid' => ['bob'],
            'mail' => ['bob@example.com'],
            'displayName' => ['Bob Example'],
            'isMemberOf' => $groups('sre'),
        ],
        'carol:carol-password' => [
            'uid' => ['carol'],
            'mail' => ['carol@example.com'],
            'displayName' => ['Carol Example'],
            'isMemberOf' => $groups('data-science'),
        ],
    ],
];
