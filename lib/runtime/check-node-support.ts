/**
 * The Node.js releases Airlock supports: the ones its test suites run on (see .ci/run). Node 22.12
 * is the oldest release its toolchain (Vite, behind Vitest) accepts; 20 and older get no security
 * fixes any more. Keep in step with `engines` in package.json and the README's quickstart.
 */
export const supportedNode = { range: "^22.12.0 || ^24.0.0", wording: "Node.js 24 (LTS) or 22.12+" } as const;

/**
 * Says in one line why a Node.js version is not a supported one (`version` as in
 * `process.version`), or returns undefined when it is supported.
 */
export function checkNodeSupport(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return `Cannot tell which Node.js this is (${version}); Airlock supports ${supportedNode.wording}.`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 24 || (major === 22 && minor >= 12)) return undefined;
  const why = major <= 22 ? "is too old" : "is not a release Airlock is tested on";
  return `Node.js ${version} ${why}: Airlock supports ${supportedNode.wording}; carrying on unsupported (install Node.js 24).`;
}
