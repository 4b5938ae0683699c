// npm run bench: what an issuance costs, how the portal scales with entitlements, how long sign-in
// takes. Builds and starts Airlock in production mode with the AWS emulator and the demo OIDC IdP
// on 127.0.0.1, on the embedded database; prints a table and writes bench/results/latest.json.
// `npm run bench -- --only issuance` runs the mint and issuance parts alone; `--only home-page`
// the home page's server render and filter alone.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startBenchEnvironment } from "@/scripts/bench/environment";
import { benchFirstLoadJs } from "@/scripts/bench/first-load-js";
import { benchHomePage } from "@/scripts/bench/home-page";
import { benchIssuance } from "@/scripts/bench/issuance";
import { benchMint } from "@/scripts/bench/mint";
import { benchSignIn, signIn } from "@/scripts/bench/sign-in";
import { printTable, type BenchReport } from "@/scripts/bench/table";
import { ensureBuild } from "@/scripts/ensure-build";
import { chromiumLaunchOptions } from "@/tests/support/chromium";

const root = path.resolve(__dirname, "../..");
const only = /--only[= ](issuance|home-page)\b/.exec(process.argv.slice(2).join(" "))?.[1];

function machine(): BenchReport["machine"] {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

async function main() {
  ensureBuild();
  const environment = await startBenchEnvironment();
  const { url } = environment;
  let report: BenchReport;
  try {
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      report = { machine: machine(), date: new Date().toISOString() };
      if (only !== "home-page") report.mintAndSign = benchMint(environment.signing);
      const { cookie } = await signIn(browser, url, "alice@example.com", "alice");
      if (only !== "home-page") report.issuance = await benchIssuance(url, cookie, environment.serverPid);
      if (only !== "issuance") report.portal = await benchHomePage(browser, url, environment.serverPid);
      if (!only) {
        report.homeFirstLoadJs = await benchFirstLoadJs(url, cookie);
        report.signIn = await benchSignIn(browser, url);
      }
    } finally {
      await browser.close();
    }
  } finally {
    await environment.close();
  }
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  writeFileSync(path.join(root, "bench/results/latest.json"), JSON.stringify(report, null, 2));
  printTable(report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
