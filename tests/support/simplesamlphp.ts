import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSelfSignedPem } from "@/lib/saml/self-signed-certificate";

/**
 * A real SimpleSAMLphp IdP from Debian's packages (simplesamlphp 1.19, php-cli with php-xml), in a
 * fresh directory per run, served by `php -S` on a loopback port. It is configured from Airlock's
 * own SP metadata, as an IdP admin would: SimpleSAMLphp's metadata converter turns the XML into a
 * saml20-sp-remote.php entry, and the checked-in files beside this one (config.php,
 * authsources.php, saml20-idp-hosted.php) add the rest. docs/deployment.md uses them as its
 * worked example.
 */

const SSP_ROOT = "/usr/share/simplesamlphp";
const TEMPLATES = path.join(__dirname, "simplesamlphp");
const PHP = process.env.PHP_BINARY ?? "php";

export type SimpleSamlPhp = {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The IdP metadata URL, for AIRLOCK_SAML_IDP_METADATA. */
  metadataUrl: string;
  /** Re-reads the SP metadata and adds `extra` (PHP array entries) to its saml20-sp-remote.php entry. */
  configureSp: (extra?: Record<string, unknown>) => Promise<void>;
  /** SimpleSAMLphp's own log, for a failing test's message. */
  log: () => string;
  stop: () => Promise<void>;
};

/** Why SimpleSAMLphp cannot run on this machine, or null when it can. */
export function simpleSamlPhpMissing(): string | null {
  if (!existsSync(path.join(SSP_ROOT, "www", "saml2", "idp", "metadata.php")))
    return `SimpleSAMLphp is not installed at ${SSP_ROOT} (apt-get install simplesamlphp).`;
  const probe = spawnSync(PHP, ["-r", 'echo extension_loaded("dom") ? "ok" : "no dom";'], { encoding: "utf8" });
  if (probe.error) return "php is not installed (apt-get install php-cli).";
  if (probe.stdout !== "ok") return "php has no DOM extension, which SimpleSAMLphp needs (apt-get install php-xml).";
  return null;
}

/** The IdP's base URL for a port, known before it starts (Airlock is configured with it first). */
export function simpleSamlPhpUrl(port: number): { url: string; metadataUrl: string } {
  const url = `http://127.0.0.1:${port}`;
  return { url, metadataUrl: `${url}/saml2/idp/metadata.php` };
}

/** SimpleSAMLphp's metadata converter, run by php-cli: SP metadata XML in, PHP array entries out. */
function convertSpMetadata(xml: string): string {
  const run = spawnSync(PHP, [path.join(TEMPLATES, "convert-metadata.php")], { input: xml, encoding: "utf8" });
  if (run.status !== 0 || !run.stdout.includes("$metadata["))
    throw new Error(`SimpleSAMLphp could not convert the SP metadata: ${run.stderr || run.stdout}`);
  return run.stdout;
}

/** A PHP literal for a JSON-like value (strings, numbers, booleans, arrays and string-keyed maps). */
function toPhp(value: unknown): string {
  if (typeof value === "string") return `'${value.replace(/[\\']/g, "\\$&")}'`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(toPhp).join(", ")}]`;
  if (value && typeof value === "object")
    return `[${Object.entries(value)
      .map(([k, v]) => `${toPhp(k)} => ${toPhp(v)}`)
      .join(", ")}]`;
  throw new Error(`no PHP literal for ${String(value)}`);
}

async function writeSpRemote(dir: string, spMetadataUrl: string, extra: Record<string, unknown>): Promise<void> {
  const response = await fetch(spMetadataUrl);
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${spMetadataUrl}`);
  const entries = convertSpMetadata(await response.text());
  const additions = Object.entries(extra)
    .map(([key, value]) => `$metadata[${toPhp(spMetadataUrl)}][${toPhp(key)}] = ${toPhp(value)};\n`)
    .join("");
  writeFileSync(path.join(dir, "metadata", "saml20-sp-remote.php"), `<?php\n${entries}${additions}`);
}

async function prepareDirectory(dir: string): Promise<{ certPem: string }> {
  for (const sub of ["config", "metadata", "cert", "log", "data", "tmp"]) mkdirSync(path.join(dir, sub));
  copyFileSync(path.join(TEMPLATES, "config.php"), path.join(dir, "config", "config.php"));
  copyFileSync(path.join(TEMPLATES, "authsources.php"), path.join(dir, "config", "authsources.php"));
  copyFileSync(path.join(TEMPLATES, "saml20-idp-hosted.php"), path.join(dir, "metadata", "saml20-idp-hosted.php"));
  const { keyPem, certPem } = await createSelfSignedPem({ commonName: "SimpleSAMLphp test IdP", validDays: 1 });
  writeFileSync(path.join(dir, "cert", "idp-key.pem"), keyPem, { mode: 0o600 });
  writeFileSync(path.join(dir, "cert", "idp-cert.pem"), certPem);
  return { certPem };
}

/** Waits until this run's IdP (its metadata carries this run's certificate) answers. */
async function waitForMetadata(
  { metadataUrl, certPem }: { metadataUrl: string; certPem: string },
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const certificate = certPem.replace(/-----[^-]+-----|\s/g, "");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`php -S exited (${child.exitCode}):\n${output()}`);
    const response = await fetch(metadataUrl).catch(() => undefined);
    const body = await response?.text();
    if (response?.ok && body?.replace(/\s/g, "").includes(certificate)) return;
    if (response?.ok)
      throw new Error(`Another server answers at ${metadataUrl}: is port ${new URL(metadataUrl).port} taken?`);
    if (response) throw new Error(`SimpleSAMLphp answered HTTP ${response.status}:\n${body?.slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`SimpleSAMLphp did not answer at ${metadataUrl} within 30 s:\n${output()}`);
}

/**
 * Starts SimpleSAMLphp on `port`, trusting the SP whose metadata is at `spMetadataUrl`.
 * `spSettings` are added to that SP's entry (for example `'assertion.encryption' => true`).
 */
export async function startSimpleSamlPhp({
  port,
  spMetadataUrl,
  spSettings = {},
}: {
  port: number;
  spMetadataUrl: string;
  spSettings?: Record<string, unknown>;
}): Promise<SimpleSamlPhp> {
  const { url, metadataUrl } = simpleSamlPhpUrl(port);
  const dir = mkdtempSync(path.join(os.tmpdir(), "airlock-simplesamlphp-"));
  let output = "";
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { certPem } = await prepareDirectory(dir);
    await writeSpRemote(dir, spMetadataUrl, spSettings);
    // OPcache off: configureSp rewrites a metadata file that PHP includes, and OPcache (on under
    // php -S, re-checking files only every 2 s by their whole-second mtime) served the old one.
    child = spawn(PHP, ["-d", "opcache.enable=0", "-S", `127.0.0.1:${port}`, "-t", path.join(SSP_ROOT, "www")], {
      env: {
        ...process.env,
        SIMPLESAMLPHP_CONFIG_DIR: path.join(dir, "config"),
        AIRLOCK_SSP_DIR: dir,
        AIRLOCK_SSP_BASE_URL: url,
        AIRLOCK_SSP_SECRET_SALT: randomBytes(24).toString("hex"),
        AIRLOCK_SSP_TRUSTED_DOMAIN: new URL(spMetadataUrl).host,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr?.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
    await waitForMetadata({ metadataUrl, certPem }, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const logFile = path.join(dir, "log", "simplesamlphp.log");
  return {
    url,
    metadataUrl,
    configureSp: (extra = {}) => writeSpRemote(dir, spMetadataUrl, { ...spSettings, ...extra }),
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-20_000) : output),
    stop,
  };
}
