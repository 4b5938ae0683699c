import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkNodeSupport, supportedNode } from "@/lib/runtime/check-node-support";

describe("checkNodeSupport", () => {
  it.each(["v24.0.0", "v24.22.3", "v22.12.0", "v22.23.5", "24.1.0"])("accepts %s", (version) => {
    expect(checkNodeSupport(version)).toBeUndefined();
  });

  it.each([
    ["v20.20.2", "is too old"],
    ["v22.11.0", "is too old"],
    ["v18.20.8", "is too old"],
    ["v23.11.1", "is not a release Airlock is tested on"],
    ["v26.12.1", "is not a release Airlock is tested on"],
  ])("names %s as unsupported in one line", (version, why) => {
    const message = checkNodeSupport(version);
    expect(message).toContain(`Node.js ${version} ${why}`);
    expect(message).toContain("Node.js 24 (LTS) or 22.12+");
    expect(message).not.toContain("\n");
  });

  it("says so when the version cannot be read", () => {
    expect(checkNodeSupport("nightly")).toMatch(/^Cannot tell which Node.js this is \(nightly\)/);
  });

  it("matches package.json's engines, which npm checks at install", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(supportedNode.range);
  });
});
