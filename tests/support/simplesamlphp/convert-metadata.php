<?php
// SP metadata XML on stdin -> saml20-sp-remote.php entries on stdout, as SimpleSAMLphp's own
// metadata converter (www/admin/metadata-converter.php) writes them.
require_once '/usr/share/simplesamlphp/lib/_autoload.php';

use Symfony\Component\VarExporter\VarExporter;

$xml = trim(stream_get_contents(STDIN));
\SimpleSAML\Utils\XML::checkSAMLMessage($xml, 'saml-meta');
foreach (\SimpleSAML\Metadata\SAMLParser::parseDescriptorsString($xml) as $entityId => $entity) {
    $sp = $entity->getMetadata20SP();
    if ($sp === null) {
        continue;
    }
    unset($sp['entityDescriptor']);
    echo '$metadata[' . var_export($entityId, true) . '] = ' . VarExporter::export($sp) . ";\n";
}
