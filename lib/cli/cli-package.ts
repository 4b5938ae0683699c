import "server-only";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { buildPackageTarball } from "@/lib/cli/tarball";
import { AppError } from "@/lib/errors";

/**
 * The npm package GET /cli/airlock.tgz serves: the bundled CLI (built by `npm run build`), its
 * README, and a package.json naming this portal, so a plain `airlock login` finds its way back.
 * Built in memory once per bundle file and portal URL.
 */

export type CliPackage = { tarball: Buffer; etag: string; version: string };

const cliDir = path.join(process.cwd(), "cli");
let cached: { key: string; value: CliPackage } | undefined;

const notBuilt = () =>
  new AppError(
    "unavailable",
    "The airlock command has not been built on this server. Administrators: run `npm run build` (it builds cli/dist/airlock.js).",
  );

function readCliFile(name: string): Buffer {
  try {
    return readFileSync(path.join(cliDir, name));
  } catch {
    throw notBuilt();
  }
}

/** What identifies one build of the bundle: its time and size. */
function stampOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    throw notBuilt();
  }
}

/** package.json for the served package: the repository's, minus what only matters here, plus the portal URL. */
export function buildPackageJson(source: Record<string, unknown>, portalUrl: string): string {
  const served: Record<string, unknown> = { ...source, airlock: { url: portalUrl } };
  delete served.private;
  delete served.files;
  return `${JSON.stringify(served, null, 2)}\n`;
}

export function getCliPackage({ portalUrl }: { portalUrl: string }): CliPackage {
  const stamp = stampOf(path.join(cliDir, "dist", "airlock.js"));
  const key = `${stamp}:${portalUrl}`;
  if (cached?.key === key) return cached.value;

  const source = JSON.parse(readCliFile("package.json").toString("utf8")) as Record<string, unknown>;
  const tarball = buildPackageTarball([
    { path: "package.json", content: buildPackageJson(source, portalUrl) },
    { path: "README.md", content: readCliFile("README.md") },
    { path: "airlock.js", content: readCliFile("dist/airlock.js"), mode: 0o755 },
  ]);
  const etag = `"${createHash("sha256").update(tarball).digest("base64url").slice(0, 27)}"`;
  const value = { tarball, etag, version: String(source.version ?? "0.0.0") };
  cached = { key, value };
  return value;
}
