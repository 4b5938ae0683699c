import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const sourcePaths = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/** Whether .next holds a complete production build newer than every source file. */
export function isBuildFresh(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId) || !existsSync(path.join(root, ".next", "server", "preview-props.json"))) return false;
  const builtAt = statSync(buildId).mtimeMs;
  return sourcePaths.every((p) => newestMtime(path.join(root, p)) <= builtAt);
}

/** Bundles the `airlock` CLI that GET /cli/airlock.tgz serves (a second or so, so always). */
export function buildCliBundle(): void {
  const tsxCli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const run = spawnSync(process.execPath, [tsxCli, path.join(root, "scripts", "build-cli.ts")], {
    cwd: root,
    stdio: "inherit",
  });
  if (run.status !== 0) throw new Error("Building the airlock CLI failed; see the output above.");
}

/** Builds the CLI bundle, and runs `next build` unless the existing build is up to date. */
export function ensureBuild(): void {
  buildCliBundle();
  if (isBuildFresh()) return;
  console.log("Building Airlock (first run or sources changed)...");
  const build = spawnSync("npx", ["next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error("next build failed; see the output above.");
}
