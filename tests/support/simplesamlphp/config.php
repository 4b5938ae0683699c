<?php
// SimpleSAMLphp's config.php for the IdP the e2e suite runs (tests/support/simplesamlphp.ts copies
// it into a fresh directory per run and sets the two environment variables it reads).
$dir = getenv('AIRLOCK_SSP_DIR');
$config = [
    'baseurlpath' => getenv('AIRLOCK_SSP_BASE_URL') . '/',
    'certdir' => $dir . '/cert/',
    'metadatadir' => $dir . '/metadata/',
    'loggingdir' => $dir . '/log/',
    'datadir' => $dir . '/data/',
    'tempdir' => $dir . '/tmp/',
    'attributenamemapdir' => '/usr/share/simplesamlphp/config/attributemap/',
    'secretsalt' => getenv('AIRLOCK_SSP_SECRET_SALT'),
    'auth.adminpassword' => getenv('AIRLOCK_SSP_SECRET_SALT'),
    'technicalcontact_name' => 'Airlock tests',
    'technicalcontact_email' => 'na@example.com',
    'timezone' => 'UTC',
    'enable.saml20-idp' => true,
    // Where a logout started here (saml2/idp/SingleLogoutService.php?ReturnTo=…) may return to.
    'trusted.url.domains' => [getenv('AIRLOCK_SSP_TRUSTED_DOMAIN')],
    'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true],
    'admin.checkforupdates' => false,
    'logging.level' => SimpleSAML\Logger::INFO,
    'logging.handler' => 'file',
    'logging.logfile' => 'simplesamlphp.log',
    'store.type' => 'phpsession',
    'session.phpsession.savepath' => $dir . '/tmp/',
    // Served over http on a loopback address: a Secure cookie would never come back.
    'session.cookie.secure' => false,
    'session.cookie.samesite' => null,
    'language.cookie.secure' => false,
];
