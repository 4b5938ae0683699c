import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { createSession } from "@/lib/sessions/create-session";
import { seedDemo } from "@/prisma/seed";
import { createTempDb, type TempDb } from "@/tests/support/temp-db";

// The real guards run on a real encrypted session cookie; only the request's cookie jar and cache
// revalidation (which need a running Next server) are stubbed.
const jar = vi.hoisted(() => ({ session: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) =>
      name === "next-auth.session-token" && jar.session ? { name, value: jar.session } : undefined,
    getAll: () => [],
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const SECRET = "s".repeat(48);
type TestUser = { id: string; email: string; name: string; username: string; groups: string[]; idp: string };
/** A real session row and next-auth's cookie naming it, as a sign-in makes them. */
async function signInAs(user: TestUser | null) {
  if (!user) {
    jar.session = undefined;
    return;
  }
  const { id, email, name, username, groups, idp } = user;
  await temp.db.user.upsert({ where: { id }, create: { id, email, name, username, idp, subject: id }, update: {} });
  const { secret } = await createSession({ db: temp.db, user, kind: "browser", idp, groups });
  jar.session = await encode({ secret: SECRET, token: { sid: secret, uid: id, email, name, username, idp } });
}

let temp: TempDb;
const alice = {
  id: "user_alice",
  email: "alice@example.com",
  name: "Alice",
  username: "alice",
  groups: ["engineering"],
  idp: "oidc:x",
};
const bob = {
  ...alice,
  id: "user_bob",
  email: "bob@example.com",
  username: "bob",
  groups: ["engineering", "platform-admins"],
};

beforeAll(async () => {
  temp = await createTempDb();
  await seedDemo(temp.db);
  const g = globalThis as unknown as { airlockDb?: unknown };
  g.airlockDb = temp.db;
  Object.assign(process.env, {
    AIRLOCK_DEMO: "true",
    AIRLOCK_SECRET: SECRET,
    AIRLOCK_DATA_DIR: temp.dir,
    AIRLOCK_ADMIN_GROUPS: "platform-admins",
  });
  resetEnvForTests();
});
afterAll(() => temp.cleanup());
beforeEach(() => signInAs(null));

async function snapshot() {
  const [accounts, roles, mappings] = await Promise.all([
    temp.db.account.findMany(),
    temp.db.role.findMany(),
    temp.db.groupMapping.findMany(),
  ]);
  return JSON.stringify({ accounts, roles, mappings });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe("admin Server Actions check admin rights themselves", () => {
  it("refuse a signed-in non-admin and a caller with no session, changing nothing", async () => {
    const actions = await import("@/app/admin/actions");
    const role = await temp.db.role.findFirstOrThrow({ where: { accountId: "111111111111", name: "Developer" } });
    const mapping = await temp.db.groupMapping.findFirstOrThrow({ where: { roleId: role.id } });
    const yaml = "accounts: []\n";
    const calls: [string, (s: object, f: FormData) => Promise<{ error?: string; ok?: string }>, FormData][] = [
      [
        "createAccountAction",
        actions.createAccountAction,
        form({ id: "444444444444", name: "evil", environment: "dev" }),
      ],
      [
        "updateAccountAction",
        actions.updateAccountAction,
        form({ id: "111111111111", name: "renamed", environment: "dev" }),
      ],
      ["deleteAccountAction", actions.deleteAccountAction, form({ accountId: "111111111111" })],
      ["createRoleAction", actions.createRoleAction, form({ accountId: "111111111111", name: "Backdoor" })],
      [
        "updateRoleAction",
        actions.updateRoleAction,
        form({ roleId: role.id, accountId: "111111111111", name: "Developer", maxSessionDuration: "43200" }),
      ],
      ["deleteRoleAction", actions.deleteRoleAction, form({ roleId: role.id })],
      ["createMappingAction", actions.createMappingAction, form({ roleId: role.id, group: "everyone" })],
      ["deleteMappingAction", actions.deleteMappingAction, form({ mappingId: mapping.id })],
    ];
    expect(calls.map(([name]) => name).sort()).toEqual(Object.keys(actions).sort());
    const config = await import("@/app/admin/config/actions");
    const configCalls: [string, () => Promise<{ error?: string; ok?: string }>][] = [
      ["planConfigAction", () => config.planConfigAction(yaml)],
      ["applyConfigAction", () => config.applyConfigAction({ yaml, digest: "0".repeat(64), confirmation: "" })],
    ];
    expect(configCalls.map(([name]) => name).sort()).toEqual(Object.keys(config).sort());
    const before = await snapshot();
    for (const [caller, expected] of [
      [alice, "Only Airlock administrators can do this."],
      [null, "Sign in to Airlock first."],
    ] as const) {
      await signInAs(caller);
      for (const [name, action, data] of calls) expect(await action({}, data), name).toEqual({ error: expected });
      for (const [name, call] of configCalls) expect(await call(), name).toEqual({ error: expected });
    }
    expect(await snapshot()).toBe(before);
  });

  it("let an admin through (control)", async () => {
    const actions = await import("@/app/admin/actions");
    await signInAs(bob);
    expect(
      await actions.createAccountAction({}, form({ id: "444444444444", name: "analytics", environment: "prod" })),
    ).toEqual({ ok: "Account analytics (444444444444) created." });
    expect(
      await actions.createAccountAction({}, form({ id: "44444444444", name: "short", environment: "prod" })),
    ).toEqual({
      error: "An AWS account id is exactly 12 digits, for example 123456789012.",
      fieldErrors: { id: "An AWS account id is exactly 12 digits, for example 123456789012." },
    });
  });

  it("the favorites action needs a session and an entitlement (a role one may only request is none)", async () => {
    const { toggleFavoriteAction } = await import("@/app/(portal)/actions");
    const role = await temp.db.role.findFirstOrThrow({ where: { accountId: "333333333333", name: "Admin" } });
    await expect(toggleFavoriteAction({ roleId: role.id, favorite: true })).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await signInAs(alice);
    expect(await toggleFavoriteAction({ roleId: role.id, favorite: true })).toEqual({ favorite: false });
    expect(await temp.db.favorite.count()).toBe(0);
  });
});
