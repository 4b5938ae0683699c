// Builds the `airlock` command (cli/) into one file, cli/dist/airlock.js: Node.js 20 built-ins only.
import { renameSync, mkdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const root = path.resolve(__dirname, "..");
export const cliBundlePath = path.join(root, "cli", "dist", "airlock.js");

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

// The CLI ships with no dependencies and never carries server code: both are build errors.
const selfContained: Plugin = {
  name: "self-contained",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./@]|^@[^/]+\/|^server-only$/ }, (args) => {
      if (builtins.has(args.path)) return { path: args.path, external: true };
      if (args.path.startsWith("@/")) return undefined;
      return { errors: [{ text: `the airlock CLI may not import "${args.path}" (${args.importer})` }] };
    });
  },
};

/** Bundles the CLI; writes the file atomically so a running server never reads half of it. */
export async function buildCli(): Promise<string> {
  const { version } = JSON.parse(readFileSync(path.join(root, "cli", "package.json"), "utf8")) as { version: string };
  mkdirSync(path.dirname(cliBundlePath), { recursive: true });
  const temporary = `${cliBundlePath}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(root, "cli", "src", "bin.ts")],
    outfile: temporary,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    banner: { js: "#!/usr/bin/env node" },
    define: { AIRLOCK_CLI_VERSION: JSON.stringify(version) },
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [selfContained],
    legalComments: "none",
    logLevel: "warning",
  });
  renameSync(temporary, cliBundlePath);
  return cliBundlePath;
}

if (require.main === module) {
  buildCli().then(
    (file) => console.log(`Built ${path.relative(root, file)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
