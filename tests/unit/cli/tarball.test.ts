import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildPackageTarball } from "@/lib/cli/tarball";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("package tarball", () => {
  it("is a gzipped ustar archive that GNU tar extracts under package/ with contents and modes", () => {
    const big = Buffer.alloc(1500, "x");
    const tgz = buildPackageTarball([
      { path: "package.json", content: '{"name":"airlock-cli"}\n' },
      { path: "airlock.js", content: big, mode: 0o755 },
      { path: "README.md", content: "# é\n" },
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "airlock-tgz-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "a.tgz"), tgz);
    const listing = execFileSync("tar", ["-tvzf", "a.tgz"], { cwd: dir, encoding: "utf8" });
    expect(listing).toMatch(/^-rwxr-xr-x 0\/0 +1500 .* package\/airlock\.js$/m);
    execFileSync("tar", ["-xzf", "a.tgz"], { cwd: dir });
    expect(readFileSync(path.join(dir, "package/package.json"), "utf8")).toBe('{"name":"airlock-cli"}\n');
    expect(readFileSync(path.join(dir, "package/airlock.js")).equals(big)).toBe(true);
    expect(readFileSync(path.join(dir, "package/README.md"), "utf8")).toBe("# é\n");
    expect(statSync(path.join(dir, "package/airlock.js")).mode & 0o111).not.toBe(0);
  });

  it("gives the same bytes for the same files (a stable ETag)", () => {
    const files = [{ path: "a.txt", content: "a" }];
    expect(buildPackageTarball(files).equals(buildPackageTarball(files))).toBe(true);
    expect(buildPackageTarball(files).equals(buildPackageTarball([{ path: "a.txt", content: "b" }]))).toBe(false);
  });

  it("refuses paths too long for a ustar name field", () => {
    expect(() => buildPackageTarball([{ path: "x".repeat(100), content: "" }])).toThrow(/too long/);
  });
});
