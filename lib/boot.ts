import "server-only";
import { getDb } from "@/lib/db/client";
import { migrateDatabase, MigrationError } from "@/lib/db/migrate";
import { databaseProvider } from "@/lib/db/provider";
import { startExpiredRowSweep } from "@/lib/db/sweep-expired-rows";
import { ConfigError, getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { explainNativeModuleError } from "@/lib/runtime/explain-native-module-error";
import { ensureDemoEncryptionMaterial, ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { getEncryptionMaterial } from "@/lib/saml/encryption-key";
import { getPublishedCertificates, getSigningMaterial } from "@/lib/saml/signing-key";

/**
 * Start-up: a bad setting, a missing signing key or a failed migration prints one clear line and
 * stops the process with a non-zero status, instead of serving errors later.
 */
export async function bootServer(): Promise<void> {
  try {
    const env = getEnv();
    if (env.AIRLOCK_DEMO && !env.AIRLOCK_SIGNING_KEY) {
      const { created } = await ensureDemoSigningMaterial(env.dataDir);
      if (created) log.info("demo_signing_key_generated", { dataDir: env.dataDir });
    }
    if (env.AIRLOCK_DEMO && !env.AIRLOCK_SAML_ENCRYPTION_KEY && !env.AIRLOCK_SAML_ENCRYPTION_CERT) {
      const { created } = await ensureDemoEncryptionMaterial(env.dataDir);
      if (created) log.info("demo_encryption_key_generated", { dataDir: env.dataDir });
    }
    getEncryptionMaterial(); // a bad AIRLOCK_SAML_ENCRYPTION_KEY/_CERT stops start-up here
    const signing = getSigningMaterial();
    getPublishedCertificates(); // a bad AIRLOCK_SIGNING_EXTRA_CERTS stops start-up here
    if (signing.certificate.validTo && Date.parse(signing.certificate.validTo) < Date.now() + 30 * 24 * 3600 * 1000) {
      log.warn("signing_certificate_expiring", {
        validTo: signing.certificate.validTo,
        hint: "plan a rotation of the SAML signing certificate (publish the new one in the metadata first)",
      });
    }
    const result = await migrateDatabase({ databaseUrl: env.databaseUrl });
    const provider = databaseProvider(env.databaseUrl);
    // WAL with synchronous=NORMAL: no corruption on power loss, and a commit no longer waits for
    // an fsync (the last commits before a power cut may be lost, never half-written).
    if (provider === "sqlite") await getDb().$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    startExpiredRowSweep();
    log.info("airlock_started", {
      url: env.AIRLOCK_URL,
      dataDir: env.dataDir,
      database: provider,
      demo: env.AIRLOCK_DEMO,
      migrationsApplied: result.applied.length,
    });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError) {
      console.error(error.message);
    } else {
      const message = explainNativeModuleError(error, process.version) ?? (error as Error).message;
      console.error(`Airlock could not start: ${message}`);
    }
    process.exit(1);
  }
}
