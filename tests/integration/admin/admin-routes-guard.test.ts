import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { createDb, type Db } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed";
import { samlServerEnv, signInOverHttp, type SamlPerson } from "@/tests/support/http-session";
import { navigationRequest } from "@/tests/support/rsc-navigation";
import { startServer, type RunningServer } from "@/tests/support/server";

// Every page and handler under app/admin, found on disk so that one added later is covered too, is
// asked for by people who are not admins, both as a full page load and as a client-side navigation
// from another admin page (which skips the admin layout), and no answer may carry admin data.

const canary = {
  accountId: "987654321098",
  accountName: "ledger-vault",
  role: "VaultBreakGlass",
  group: "vault-keepers",
};
const victim: SamlPerson = { email: "victim@example.com", groups: [canary.group] };
const audited = { ip: "198.51.100.23", accessKeyId: "ASIACANARYLEAK000001", userAgent: "CanaryAgent/7.7" };
// What only an admin may see: account ids and names, role and group names, people and their trail.
const secrets = ["111111111111", "333333333333", ...Object.values(canary), victim.email, ...Object.values(audited)];

// Real ids for dynamic segments, by "<parent>/<segment>" (the victim's user id once signed in).
const dynamicSegments: Record<string, string> = {
  "accounts/[id]": canary.accountId,
  "aws-setup/[accountId]": canary.accountId,
};
const byEmail = `?q=${encodeURIComponent(victim.email)}`;
const queries: Record<string, string> = { "/admin/access": byEmail, "/admin/people": byEmail };

/** URL paths of every page.tsx and route.ts under app/admin, dynamic segments filled with real ids. */
function listAdminRoutes(dir = "app/admin"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return listAdminRoutes(path.join(dir, entry.name));
    if (!/^(page\.tsx|route\.ts)$/.test(entry.name)) return [];
    const segments = dir
      .split(path.sep)
      .slice(1)
      .filter((s) => !/^\(.*\)$/.test(s));
    const filled = segments.map((s, i) => {
      if (!s.startsWith("[")) return s;
      const value = dynamicSegments[`${segments[i - 1]}/${s}`];
      if (!value) throw new Error(`no test value for the dynamic segment ${s} in ${dir}`);
      return value;
    });
    return [`/${filled.join("/")}`];
  });
}

let server: RunningServer;
let db: Db;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer(samlServerEnv());
  db = createDb(server.databaseUrl);
  await seedDemo(db);
  await db.account.create({
    data: {
      id: canary.accountId,
      name: canary.accountName,
      environment: "prod",
      roles: { create: { name: canary.role, mappings: { create: { group: canary.group } } } },
    },
  });
  await recordAuditEvent({
    db,
    event: {
      action: "credentials",
      outcome: "success",
      actor: "someone-else@example.com",
      accountId: canary.accountId,
      roleName: canary.role,
      accessKeyId: audited.accessKeyId,
      clientIp: audited.ip,
      userAgent: audited.userAgent,
    },
  });
  await signInOverHttp(server, victim);
  dynamicSegments["people/[id]"] = (await db.user.findFirstOrThrow({ where: { email: victim.email } })).id;
  const people: Record<string, SamlPerson> = {
    admin: { email: "root@example.com", groups: ["platform-admins"] },
    carol: { email: "carol@example.com", groups: [] },
    engineer: { email: "eve@example.com", groups: ["engineering", "sre"] },
  };
  for (const [name, person] of Object.entries(people)) cookies[name] = await signInOverHttp(server, person);
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

let routes: string[];
beforeAll(() => {
  routes = listAdminRoutes();
});

/** The whole answer (HTML with its streamed data, an RSC payload, or a download) for one request. */
const urlOf = (route: string) => `${route}${queries[route] ?? ""}`;

async function fetchBody(route: string, kind: "page" | "navigation", cookie?: string): Promise<string> {
  const url = `${server.url}${urlOf(route)}`;
  // The browser is on another admin page, so it tells the server the admin layout is mounted.
  const request = kind === "page" ? { url, headers: {} } : await navigationRequest(url, ["admin", "other-admin-page"]);
  const response = await fetch(request.url, {
    redirect: "manual",
    headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
  });
  return response.text();
}

describe("admin pages and handlers check admin rights themselves", () => {
  it("finds the admin routes on disk", () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        "/admin/audit",
        "/admin/accounts/987654321098",
        "/admin/aws-setup/987654321098",
        "/admin/people",
      ]),
    );
  });

  for (const caller of ["carol", "engineer", "signed-out"]) {
    for (const kind of ["page", "navigation"] as const) {
      it(`answer ${caller}'s ${kind} requests with no admin data`, async () => {
        const leaks: string[] = [];
        for (const route of routes) {
          const body = await fetchBody(route, kind, cookies[caller]);
          // What the caller put in the URL (an account id) comes back in the page's own address.
          const found = secrets.filter((secret) => body.includes(secret) && !urlOf(route).includes(secret));
          leaks.push(...found.map((secret) => `${route}: ${secret}`));
        }
        expect(leaks).toEqual([]);
      });
    }
  }

  it("show admins the data (control), a navigation rendering only the page, not the admin layout", async () => {
    for (const kind of ["page", "navigation"] as const) {
      const bodies = await Promise.all(routes.map((route) => fetchBody(route, kind, cookies.admin)));
      expect(
        secrets.filter((secret) => !bodies.some((body) => body.includes(secret))),
        kind,
      ).toEqual([]);
      const audit = bodies[routes.indexOf("/admin/audit")];
      // The admin layout's navigation (aria-label "Admin") is in a full page, not in a navigation.
      expect(audit).toContain(audited.accessKeyId);
      expect(/aria-label"?[=:]"Admin"/.test(audit), kind).toBe(kind === "page");
    }
  });
});
