// npm run bench: what an issuance costs, how the portal scales with entitlements, how long sign-in takes.
// Builds and starts Airlock in production mode with the AWS emulator and the demo OIDC IdP on
// 127.0.0.1, on the embedded database; prints a table and writes bench/results/latest.json.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { startEmulator } from "@/dev/aws-emulator/server";
import { buildDemoState } from "@/dev/aws-emulator/state";
import { demoPeople } from "@/dev/demo-people";
import { startDemoOidcIdp } from "@/dev/oidc-idp/server";
import { createDb } from "@/lib/db/client";
import { migrateSqlite } from "@/lib/db/migrate";
import { mintAssertion } from "@/lib/federation/mint-assertion";
import { ensureDemoSigningMaterial } from "@/lib/saml/demo-keys";
import { buildIdpMetadata } from "@/lib/saml/idp-metadata";
import { parseSigningMaterial } from "@/lib/saml/signing-key";
import { seedDemo } from "@/prisma/seed";
import { seedLargeDataset } from "@/prisma/seed-large";
import { ensureBuild } from "@/scripts/ensure-build";
import { freePort } from "@/scripts/free-port";
import { chromiumLaunchOptions } from "@/tests/support/chromium";

const root = path.resolve(__dirname, "..");
const ISSUANCES_PER_LEVEL = 1000;
const issuanceOnly = process.argv.slice(2).join(" ").includes("--only issuance");
const LEVEL_TIME_CAP_MS = 60_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);
const ms = (n: number) => Math.round(n * 100) / 100;

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** CPU time (ms) used so far by every process in a process group, from /proc (Linux). */
function groupCpuMs(pgid: number | undefined): number {
  if (!pgid) return NaN;
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name: state ppid pgrp ... utime(14) stime(15), counted from 1.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function main() {
  ensureBuild();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "airlock-bench-"));
  const databaseUrl = `file:${path.join(dataDir, "airlock.db")}`;
  migrateSqlite({ databaseUrl });
  const db = createDb(databaseUrl);
  await seedDemo(db);
  await seedLargeDataset(db, { accounts: 300, roles: 2000, group: "load-2000" });
  // The same roles, fewer of them, for the smaller users.
  for (const [group, count] of [
    ["load-20", 20],
    ["load-200", 200],
  ] as const) {
    const roles = await db.role.findMany({
      where: { accountId: { gte: "900000000000" } },
      orderBy: { name: "asc" },
      take: count,
      select: { id: true },
    });
    await db.groupMapping.createMany({ data: roles.map((r) => ({ group, roleId: r.id })) });
  }
  const { keyPath, certPath } = await ensureDemoSigningMaterial(dataDir);
  const signing = parseSigningMaterial(readFileSync(keyPath, "utf8"), readFileSync(certPath, "utf8"));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const state = buildDemoState({});
  const metadataXml = buildIdpMetadata({
    entityId: `${url}/api/saml/idp/metadata`,
    ssoUrl: `${url}/`,
    certificatesBase64: [signing.certificateBase64],
  });
  for (const provider of state.providers) provider.metadataXml = metadataXml;
  const emulator = await startEmulator({ state });
  const oidcPort = await freePort();
  // Demo people plus one person per portal size, each in a group mapped to that many roles.
  const people = [20, 200, 2000].map((n) => ({
    id: `p${n}`,
    email: `p${n}@example.com`,
    password: `p${n}`,
    name: `${n} roles`,
    username: `p${n}`,
    groups: [`load-${n}`],
  }));
  const idp = await startDemoOidcIdp({
    port: oidcPort,
    issuer: `http://127.0.0.1:${oidcPort}`,
    redirectUris: [`${url}/api/auth/callback/oidc`],
    people: [...demoPeople, ...people],
  });

  const server = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROFILE=DIR writes a V8 CPU profile of the server there when it stops.
      ...(process.env.BENCH_CPU_PROFILE
        ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`]
        : []),
      path.join(root, "node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: root,
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        NODE_ENV: "production",
        AIRLOCK_DEMO: "true",
        AIRLOCK_DATA_DIR: dataDir,
        AIRLOCK_URL: url,
        AIRLOCK_STS_ENDPOINT: emulator.url,
        AIRLOCK_SIGNIN_ENDPOINT: `${emulator.url}/federation`,
        AIRLOCK_OIDC_ISSUER: idp.url,
        AIRLOCK_OIDC_CLIENT_ID: "airlock-demo",
        AIRLOCK_OIDC_CLIENT_SECRET: "airlock-demo-secret",
        AIRLOCK_OIDC_SCOPES: "openid email profile groups",
        AIRLOCK_LOG_LEVEL: "error",
        // One bench user issues hundreds of times a minute.
        AIRLOCK_ISSUANCE_RATE_LIMIT: "1000000",
      },
    },
  );
  const results: Record<string, unknown> = {};
  try {
    await waitFor(`${url}/api/health`);
    const browser = await chromium.launch(chromiumLaunchOptions);
    /** A real sign-in through the demo OIDC IdP: the session cookie, and ms from the IdP's redirect back to the home page. */
    const signIn = async (email: string, password: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}/signin`);
      await page.getByRole("button", { name: /Sign in with/ }).click();
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      const callback = page.waitForRequest((r) => r.url().startsWith(`${url}/api/auth/callback/oidc`));
      await page.getByRole("button", { name: "Sign in" }).click();
      const redirectedAt = (
        await callback.catch(async (error: unknown) => {
          throw new Error(
            `sign-in of ${email} did not return to Airlock: ${(await page.locator("body").textContent())?.slice(0, 300)}`,
            { cause: error },
          );
        })
      ).timing().startTime;
      await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
      const elapsed = (await page.evaluate(() => performance.timeOrigin + performance.now())) - redirectedAt;
      const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
      await context.close();
      return { cookie: `${session?.name}=${session?.value}`, elapsed };
    };

    // 1. The bare cost of minting and signing one assertion, in process.
    const user = { id: "bench", email: "bench@example.com", username: "bench", groups: ["engineering"] };
    const entitlement = {
      accountId: "111111111111",
      accountName: "sandbox",
      environment: "dev",
      partition: "aws" as const,
      roleName: "Developer",
      rolePath: "/",
      samlProviderName: null,
      roleMaxSessionDuration: 28_800,
      allowedSessionDuration: 28_800,
      viaGroups: ["engineering"],
    };
    const mintOnce = () =>
      mintAssertion({
        user,
        entitlement,
        durationSeconds: 3600,
        issuer: "x",
        recipient: "https://signin.aws.amazon.com/saml",
        audience: "urn:amazon:webservices",
        defaultProviderName: "airlock",
        signing,
      });
    for (let i = 0; i < 20; i += 1) mintOnce();
    const mintTimes: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const t = performance.now();
      mintOnce();
      mintTimes.push(performance.now() - t);
    }
    results.mintAndSign = {
      p50Ms: ms(median(mintTimes)),
      p95Ms: ms(percentile(mintTimes, 95)),
      samples: mintTimes.length,
    };

    // 2. Issuance overhead: total minus STS, from Server-Timing on the same requests.
    const { cookie } = await signIn("alice@example.com", "alice");
    const issue = async () => {
      const t = performance.now();
      const response = await fetch(`${url}/api/credentials`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ accountId: "111111111111", roleName: "Developer" }),
      });
      const clientMs = performance.now() - t;
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`issuance failed with HTTP ${response.status}`);
      const timing = response.headers.get("server-timing") ?? "";
      const sts = Number(/sts;dur=([\d.]+)/.exec(timing)?.[1]);
      const total = Number(/total;dur=([\d.]+)/.exec(timing)?.[1]);
      return { overhead: total - sts, sts, clientMs };
    };
    for (let i = 0; i < 20; i += 1) await issue();
    const issuance: Record<string, unknown> = {};
    for (const concurrency of [1, 10, 50]) {
      // Two uncounted rounds at this concurrency first (connections, pools, JIT).
      for (let round = 0; round < 2; round += 1) await Promise.all(Array.from({ length: concurrency }, issue));
      const samples: { overhead: number; sts: number; clientMs: number }[] = [];
      const cpuBefore = { airlock: groupCpuMs(server.pid), bench: ownCpuMs() };
      const started = performance.now();
      const worker = async () => {
        while (samples.length < ISSUANCES_PER_LEVEL && performance.now() - started < LEVEL_TIME_CAP_MS)
          samples.push(await issue());
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const seconds = (performance.now() - started) / 1000;
      const overhead = samples.map((s) => s.overhead);
      // Where the cores went: Airlock's processes, and this one (the emulator, the OIDC IdP, the clients).
      const cpuPerIssuance = {
        airlockMs: ms((groupCpuMs(server.pid) - cpuBefore.airlock) / samples.length),
        emulatorAndClientsMs: ms((ownCpuMs() - cpuBefore.bench) / samples.length),
      };
      issuance[`c${concurrency}`] = {
        concurrency,
        requests: samples.length,
        overheadP50Ms: ms(median(overhead)),
        overheadP95Ms: ms(percentile(overhead, 95)),
        overheadP99Ms: ms(percentile(overhead, 99)),
        stsP50Ms: ms(median(samples.map((s) => s.sts))),
        clientP50Ms: ms(median(samples.map((s) => s.clientMs))),
        issuancesPerSecond: ms(samples.length / seconds),
        cpuPerIssuance,
      };
    }
    results.issuance = issuance;

    // `--only issuance` stops here, for quick rounds while profiling the issuance path.
    if (!issuanceOnly) {
      // 3. Portal scale: server render of the home page, and filtering in a real browser.
      const portal: Record<string, unknown> = {};
      for (const size of [20, 200, 2000]) {
        const { cookie } = await signIn(`p${size}@example.com`, `p${size}`);
        const renders: number[] = [];
        for (let i = 0; i < 12; i += 1) {
          const t = performance.now();
          const response = await fetch(`${url}/`, { headers: { cookie } });
          await response.text();
          if (i >= 2) renders.push(performance.now() - t);
        }
        const context = await browser.newContext();
        const [name, value] = cookie.split("=");
        await context.addCookies([{ name, value, url }]);
        const page = await context.newPage();
        await page.goto(url);
        await page.getByRole("region", { name: "All accounts" }).waitFor();
        // A string, not a function: the TypeScript runner's helpers do not exist in the page.
        const keystrokes = (await page.evaluate(`(async (text) => {
          const input = document.querySelector('input[type="search"]');
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
          const times = [];
          for (let i = 1; i <= text.length; i += 1) {
            const query = text.slice(0, i);
            const shown = () => document.querySelector('section[data-query="' + CSS.escape(query) + '"]');
            const t = performance.now();
            setValue.call(input, query);
            input.dispatchEvent(new Event("input", { bubbles: true }));
            // Until React has committed the list for this query (it may defer it to a later task).
            await new Promise((resolve, reject) => {
              if (shown()) return resolve();
              const observer = new MutationObserver(() => shown() && (observer.disconnect(), resolve()));
              observer.observe(document.body, { subtree: true, childList: true, attributes: true });
              setTimeout(() => (observer.disconnect(), reject(new Error("no result for " + query))), 5000);
            });
            const committed = performance.now() - t;
            await new Promise((r) => requestAnimationFrame(r));
            times.push([committed, performance.now() - t]);
            // A fast typist's pace (ten keys a second), so each keystroke starts on a settled page.
            await new Promise((r) => setTimeout(r, 100));
          }
          return times;
        })("acct-0123")`)) as [number, number][];
        await context.close();
        portal[`roles${size}`] = {
          roles: size,
          serverRenderP50Ms: ms(median(renders)),
          serverRenderP95Ms: ms(percentile(renders, 95)),
          // From the keystroke to the list for that query committed to the DOM; and to the next frame
          // (headless Chromium draws at 60 Hz, so that one is never below one 16.7 ms frame).
          filterPerKeystrokeP50Ms: ms(median(keystrokes.map(([committed]) => committed))),
          filterPerKeystrokeMaxMs: ms(Math.max(...keystrokes.map(([committed]) => committed))),
          filterToNextFrameP50Ms: ms(median(keystrokes.map(([, frame]) => frame))),
        };
      }
      results.portal = portal;

      // 4. First-load JavaScript of the home page, gzipped.
      const html = await (await fetch(`${url}/`, { headers: { cookie } })).text();
      // Modern browsers skip noModule scripts (the legacy polyfills), so they are not counted.
      const scripts = [
        ...new Set(
          [...html.matchAll(/<script([^>]+)>/g)]
            .filter((m) => !/nomodule/i.test(m[1]))
            .flatMap((m) => /src="([^"]+)"/.exec(m[1])?.[1] ?? []),
        ),
      ];
      let gzipBytes = 0;
      for (const src of scripts)
        gzipBytes += gzipSync(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())).length;
      results.homeFirstLoadJs = { scripts: scripts.length, gzipKiB: ms(gzipBytes / 1024) };

      // 5. Sign-in: from the IdP's redirect back to Airlock to the signed-in home page.
      const signIns: number[] = [];
      for (let i = 0; i < 5; i += 1) signIns.push((await signIn("carol@example.com", "carol")).elapsed);
      results.signIn = { p50Ms: ms(median(signIns)), samples: signIns.length };
    }
    await browser.close();
  } finally {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already stopped
    }
    await emulator.close();
    await idp.close();
    await db.$disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const cpus = os.cpus();
  const report = {
    machine: {
      cores: cpus.length,
      cpu: cpus[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
    ...results,
  };
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  writeFileSync(path.join(root, "bench/results/latest.json"), JSON.stringify(report, null, 2));
  printTable(report);
}

function printTable(report: Record<string, unknown>) {
  if (issuanceOnly) {
    report = { ...report, portal: {}, homeFirstLoadJs: { gzipKiB: NaN }, signIn: { p50Ms: NaN } };
  }
  const r = report as {
    machine: { cores: number; cpu: string };
    mintAndSign: { p50Ms: number; p95Ms: number };
    issuance: Record<string, Record<string, number> & { cpuPerIssuance: Record<string, number> }>;
    portal: Record<string, Record<string, number>>;
    homeFirstLoadJs: { gzipKiB: number };
    signIn: { p50Ms: number };
  };
  console.log(`\nAirlock benchmark on ${r.machine.cores} cores, ${r.machine.cpu}\n`);
  console.log(
    "Issuance (POST /api/credentials): overhead = the handler's total - STS (Server-Timing); client = as the caller sees it, queueing included:",
  );
  console.log(
    "  clients  requests  overhead p50  p95      p99      STS p50   client p50  issuances/s  CPU ms/issuance: Airlock  emulator+clients",
  );
  for (const row of Object.values(r.issuance)) {
    console.log(
      `  ${String(row.concurrency).padEnd(7)}  ${String(row.requests).padEnd(8)}  ${String(row.overheadP50Ms).padEnd(12)}  ${String(row.overheadP95Ms).padEnd(7)}  ${String(row.overheadP99Ms).padEnd(7)}  ${String(row.stsP50Ms).padEnd(8)}  ${String(row.clientP50Ms).padEnd(10)}  ${String(row.issuancesPerSecond).padEnd(11)}  ${String(row.cpuPerIssuance.airlockMs).padEnd(24)}  ${row.cpuPerIssuance.emulatorAndClientsMs}`,
    );
  }
  console.log(`Mint and sign one assertion: p50 ${r.mintAndSign.p50Ms} ms, p95 ${r.mintAndSign.p95Ms} ms`);
  console.log("\nHome page:");
  console.log("  roles  server render p50  p95      filter/keystroke p50  max      to next frame p50");
  for (const row of Object.values(r.portal))
    console.log(
      `  ${String(row.roles).padEnd(5)}  ${String(row.serverRenderP50Ms).padEnd(17)}  ${String(row.serverRenderP95Ms).padEnd(7)}  ${String(row.filterPerKeystrokeP50Ms).padEnd(20)}  ${String(row.filterPerKeystrokeMaxMs).padEnd(7)}  ${row.filterToNextFrameP50Ms}`,
    );
  console.log(`First-load JavaScript: ${r.homeFirstLoadJs.gzipKiB} KiB gzipped`);
  console.log(`Sign-in (IdP redirect back → signed-in home): p50 ${r.signIn.p50Ms} ms`);
  console.log("\nFull results: bench/results/latest.json");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
